import { LitElement, html, css } from 'lit';
import { countdown, dateTime } from '../services/format.js';
import { decidedByText, expiryOutcome, hasVoted, quorumText, riskOf, runningSprint, votesOf } from '../services/approval-text.js';
import { base } from '../styles/base-styles.js';
import { StoreController } from '../state/store-controller.js';

// What the card is now, in its title: the decision is stated there, once.
const HEADING = {
  pending: '⚠️ Approval Required', approved: '✅ Approved', rejected: '❌ Rejected',
  expired: '⌛ Expired', cancelled: '🚫 Cancelled',
};
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
    _mode: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _now: { state: true },
  };

  static styles = [base, css`
    :host { display: block; max-width: 720px; }
    .card { border: 1px solid var(--warn); border-left-width: 4px; border-radius: var(--radius); background: var(--bg-side); padding: 12px 14px; margin: 4px 0; }
    .card.decided { border-color: var(--border); }
    .card.approved { border-color: var(--ok); }
    .card.rejected { border-color: var(--danger); }
    .title { display: flex; gap: 8px; align-items: baseline; font-weight: 700; color: var(--text-strong); margin-bottom: 6px; }
    .id { font-family: var(--mono); font-size: 12px; color: var(--text-muted); font-weight: 400; }
    .title { flex-wrap: wrap; }
    .expires { margin-left: auto; font-size: 12px; color: var(--warn); font-weight: 400; }
    .quorum { margin-top: 8px; font-size: 13px; }
    .quorum strong { color: var(--text-strong); }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
    .what { color: var(--text-strong); }
    .kind { font-size: 13px; margin-bottom: 4px; }
    .outcome { margin-top: 10px; }
    textarea, input { width: 100%; margin-top: 8px; }
    textarea { min-height: 140px; font-family: var(--mono); font-size: 13px; }
    pre.details { white-space: pre-wrap; font-family: var(--mono); font-size: 12px; background: var(--bg-deep); padding: 8px; border-radius: var(--radius); max-height: 300px; overflow: auto; }
    .error { color: var(--danger); font-size: 13px; margin-top: 6px; }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
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
          ${pending && left ? html`<span class="expires" data-testid="expires">expires in ${left} · ${expiryOutcome(a)}</span>` : ''}
          ${pending && !left ? html`<span class="expires">expiring…</span>` : ''}</div>
        <div class="what">${a.title}</div>
        <div class="kind muted">${KIND[a.request_type] ?? `📝 ${a.request_type}`} · requested by ${a.requested_by}</div>
        <approval-context .approval=${a}></approval-context>
        <approval-payload .approval=${a}></approval-payload>
        ${this._renderQuorum(a)}
        ${pending ? this._renderActions() : this._renderOutcome(a)}
        ${this._mode === 'details' ? html`<pre class="details">${JSON.stringify(a, null, 2)}</pre>` : ''}
        ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : ''}
      </div>
    `;
  }

  _heading(a) {
    if (a.status === 'approved' && a.modifications) {
      return '✏️ Approved with changes';
    }
    return HEADING[a.status] ?? a.status;
  }

  _renderActions() {
    const roles = this.store.user?.roles ?? [];
    const mayDecide = roles.includes('approver') || roles.includes('admin');
    const details = html`<button data-action="details" @click=${() => this._toggle('details')}>Details</button>`;
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
      return html`<textarea aria-label="Modified payload">${JSON.stringify(this.approval.payload ?? {}, null, 2)}</textarea>
        <div class="buttons"><button class="primary" ?disabled=${this._busy} @click=${this._modify}>Approve with changes</button>${cancel}</div>`;
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

  /** Who (or what) decided and when; what was decided is the title's. */
  _renderOutcome(a) {
    return html`<div class="outcome" data-testid="outcome">
      <span class="muted">${decidedByText(a)}${a.decided_at ? ` · ${dateTime(a.decided_at)}` : ''}</span>
      ${a.comment ? html`<div>“${a.comment}”</div>` : ''}
      ${a.modifications ? html`<div class="muted">Changes</div><pre class="details">${JSON.stringify(a.modifications, null, 2)}</pre>` : ''}</div>`;
  }

  updated(changed) {
    if (changed.has('_mode')) { // not on every tick of the countdown: that would take the focus back
      this.renderRoot.querySelector('.card > input, .card > textarea')?.focus();
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

  _modify() {
    let modifications;
    try {
      modifications = JSON.parse(this.renderRoot.querySelector('textarea').value);
    } catch (error) {
      this._error = `That is not valid JSON: ${error.message}`;
      return;
    }
    if (modifications === null || typeof modifications !== 'object' || Array.isArray(modifications)) {
      this._error = 'The payload must be a JSON object.';
      return;
    }
    this._decide('modify', { modifications });
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
