import { LitElement, html, css } from 'lit';
import { countdown, dateTime, relativeTime } from '../services/format.js';
import { expiresSoon, expiryOutcome, hasVoted, outcomeHeading, quorumText, riskOf, runningSprint, votesOf } from '../services/approval-text.js';
import { base } from '../styles/base-styles.js';
import { cardStyles } from '../styles/card-styles.js';
import { changesOf, valueView } from './approval-details.js';
import './approval-modify-form.js';
import { StoreController } from '../state/store-controller.js';

const KIND = {
  code_change: '🔧 Code change', state_transition: '🔀 State change', parallel_execution: '⚡ Parallel work',
  batch_changes: '📦 Batch of changes',
};

/**
 * An approval as a card, all of it from the approval's record: its risk and context, decide it
 * (or vote toward its quorum, or approve and make a standing rule), or see how it was decided. Only
 * drawn for the record's own message (see approval-message).
 */
export class ApprovalCard extends LitElement {
  static properties = {
    approval: { attribute: false },
    /** The form it opens with (`modify`, `remember`, `reject`, `details`), e.g. from the inbox. */
    mode: { type: String },
    _mode: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _now: { state: true },
  };

  static styles = [base, cardStyles, css`
    .card.decided { border-color: var(--border); }
    .card.approved { border-color: var(--ok); }
    .card.rejected { border-color: var(--danger); }
    .id { font-family: var(--mono); font-size: 12px; color: var(--text-muted); font-weight: 400; }
    .expires.urgent { color: #fff; background: #c42b30; padding: 1px 6px; border-radius: var(--radius); font-weight: 600; }
    .quorum { margin-top: 8px; font-size: 13px; }
    .quorum strong { color: var(--text-strong); }
    .what { color: var(--text-strong); }
    .kind { font-size: 13px; margin-bottom: 4px; }
    .outcome { margin-top: 10px; }
    input { width: 100%; margin-top: 8px; }
    table.changes { border-collapse: collapse; font-size: 13px; margin-top: 4px; }
    table.changes th, table.changes td { text-align: left; vertical-align: top; padding: 2px 8px; border-top: 1px solid var(--bg-deep); }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
  }

  willUpdate(changed) {
    if (changed.has('mode') && this.mode) {
      this._mode = this.mode;
    }
  }

  connectedCallback() {
    super.connectedCallback();
    this._now = Date.now();
    this._timer = setInterval(() => { this._now = Date.now(); }, 1000);
  }

  disconnectedCallback() {
    clearInterval(this._timer);
    super.disconnectedCallback();
  }

  render() {
    const a = this.approval;
    const pending = a.status === 'pending';
    const left = countdown(a.expires_at, this._now);
    return html`
      <div class="card ${a.status} ${pending ? '' : 'decided'}" data-testid="approval-card" data-status=${a.status}
           data-approval-id=${a.approval_id} @keydown=${this._keydown}>
        <div class="title"><span data-testid="card-title">${this._heading(a)}</span>
          <risk-badge risk=${riskOf(a)}></risk-badge>
          <span class="id">#${String(a.approval_id).slice(0, 8)}</span>
          ${pending && left ? html`<span class="expires ${expiresSoon(a, this._now) ? 'urgent' : ''}" data-testid="expires">${expiresSoon(a, this._now)
            ? 'expires soon: ' : 'expires in '}${left} · ${expiryOutcome(a)}</span>` : ''}
          ${pending && !left ? html`<span class="expires">expiring…</span>` : ''}</div>
        <div class="what">${a.title}</div>
        <div class="kind muted">${KIND[a.request_type] ?? `📝 ${a.request_type}`} · requested by ${a.requested_by}</div>
        <approval-context .approval=${a}></approval-context>
        <approval-payload .approval=${a}></approval-payload>
        ${this._renderQuorum(a)}
        ${pending ? this._renderActions() : this._renderOutcome(a)}
        ${this._mode === 'details' ? html`<approval-details .approval=${a}></approval-details>` : ''}
        ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : ''}
      </div>
    `;
  }

  _heading(a) {
    return a.status === 'pending' ? '⚠️ Approval Required' : outcomeHeading(a);
  }

  _renderActions() {
    const roles = this.store.user?.roles ?? [];
    const mayDecide = roles.includes('approver') || roles.includes('admin');
    const details = html`<button data-action="details" aria-expanded=${this._mode === 'details' ? 'true' : 'false'}
      @click=${() => this._toggle('details')}>Details</button>`;
    if (!mayDecide) {
      return html`<div class="buttons"><span class="muted">Waiting for an approver.</span>${details}</div>`;
    }
    const cancel = html`<button @click=${this._close}>Cancel</button>`;
    if (this._mode === 'reject') {
      return html`<input aria-label="Reason" placeholder="Why is this rejected? (required)" maxlength="2000"
                         @keydown=${(e) => e.key === 'Enter' && this._reject()}>
        <div class="buttons"><button class="danger" ?disabled=${this._busy} @click=${this._reject}>Reject</button>${cancel}</div>`;
    }
    if (this._mode === 'modify') {
      return html`<approval-modify-form .payload=${this.approval.payload} ?busy=${this._busy}
        @modify=${(e) => this._decide('modify', e.detail)} @cancel=${this._close}></approval-modify-form>`;
    }
    if (this._mode === 'remember') {
      return html`<approval-remember .approval=${this.approval} ?busy=${this._busy}
        .sprint=${runningSprint(this.store.snapshotOf(this.approval.project))}
        @remember=${(e) => this._decide('approve', { remember: e.detail })} @cancel=${this._close}></approval-remember>`;
    }
    const reject = html`<button class="danger" data-action="reject" ?disabled=${this._busy} @click=${() => this._toggle('reject')}>Reject</button>`;
    const me = this.store.user?.username;
    if (hasVoted(this.approval, me)) { // a second approval of one person counts nothing
      return html`<div class="buttons"><span class="muted" data-testid="voted">You approved; waiting for others.</span>${reject}${details}</div>`;
    }
    if (me && this.approval.requested_by === me) { // one's own request (/parallel) is someone else's to approve
      return html`<div class="buttons"><span class="muted" data-testid="own-request">You asked for this; another approver decides.</span>${reject}${details}</div>`;
    }
    // A standing rule never covers critical requests: the server refuses one, so it is not offered
    const remember = riskOf(this.approval) === 'critical' ? '' : html`<button data-action="remember"
      ?disabled=${this._busy} @click=${() => this._toggle('remember')}>Approve, and don't ask again…</button>`;
    return html`<div class="buttons">
      <button class="ok" data-action="approve" ?disabled=${this._busy} @click=${() => this._decide('approve')}>Approve</button>
      ${remember}${reject}
      <button data-action="modify" ?disabled=${this._busy} @click=${() => this._toggle('modify')}>Modify</button>
      ${details}
    </div>`;
  }

  /** "1 of 2 approvals" and by whom, for a request that needs more than one. */
  _renderQuorum(a) {
    const quorum = quorumText(a);
    if (!quorum) {
      return '';
    }
    const by = votesOf(a).map((vote) => vote.by);
    return html`<div class="quorum" data-testid="quorum"><strong>${quorum}</strong>${by.length
      ? html`<span class="muted"> · approved by ${by.join(', ')}</span>` : ''}</div>`;
  }

  /** When, why and what changed; what was decided, and by whom, is the title's. */
  _renderOutcome(a) {
    const changes = a.modifications ? changesOf(a.payload, a.modifications) : [];
    return html`<div class="outcome" data-testid="outcome">
      ${a.decided_at ? html`<time class="muted" data-testid="decided-at" datetime=${a.decided_at}
        title=${dateTime(a.decided_at)}>${relativeTime(a.decided_at, this._now)}</time>` : ''}
      ${a.comment ? html`<div>“${a.comment}”</div>` : ''}
      ${changes.length ? html`<table class="changes" data-testid="changes" aria-label="What was changed">
        <thead><tr><th scope="col">Field</th><th scope="col">Asked</th><th scope="col">Approved as</th></tr></thead>
        <tbody>${changes.map(([key, was, now]) => html`<tr><th scope="row">${key}</th><td>${valueView(was)}</td>
          <td>${valueView(now)}</td></tr>`)}</tbody></table>` : ''}
      <div class="buttons"><button data-action="details" aria-expanded=${this._mode === 'details' ? 'true' : 'false'}
        @click=${() => this._toggle('details')}>Details</button></div></div>`;
  }

  updated(changed) {
    if (changed.has('_mode')) { // not on every tick of the countdown: that would take the focus back
      this.renderRoot.querySelector('.card > input')?.focus();
    }
  }

  /** Escape closes an open form, and the focus goes back to the buttons. */
  _keydown(event) {
    if (event.key === 'Escape' && this._mode && this._mode !== 'details') {
      this._close();
    }
  }

  _close() {
    const opened = this._mode;
    this._toggle(null);
    this.updateComplete.then(() => this.renderRoot.querySelector(`[data-action=${opened}]`)?.focus());
  }

  _toggle(mode) {
    this._error = '';
    this._mode = this._mode === mode ? null : mode;
  }

  _reject() {
    const reason = this.renderRoot.querySelector('input')?.value.trim();
    if (!reason) {
      this._error = 'A reason is required to reject.';
      return;
    }
    this._decide('reject', { comment: reason });
  }

  async _decide(action, extra = {}) {
    this._busy = true;
    this._error = '';
    try {
      const ack = await this.store.respond(this.approval.approval_id, action, extra);
      this._mode = null;
      if (extra.remember && ack?.approval) {
        this.store.notify(ruleMade(this.approval, extra.remember));
      }
    } catch (error) {
      this._error = error.code === 'conflict' ? 'Someone decided this already.' : error.message;
      this.store.approval(this.approval.approval_id, { refresh: true });
    } finally {
      this._busy = false;
    }
  }
}

function ruleMade(a, remember) {
  const what = remember.command_prefix ? `commands starting with “${remember.command_prefix}”` : 'any command';
  const until = remember.until === 'sprint' ? 'this sprint' : 'until revoked';
  return `Standing rule made: ${a.requested_by} · ${a.request_type}, ${what}, ${until}.`;
}
customElements.define('approval-card', ApprovalCard);
