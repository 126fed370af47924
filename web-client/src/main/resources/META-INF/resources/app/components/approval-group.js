import { LitElement, html, css, nothing } from 'lit';
import { base } from '../styles/base-styles.js';
import { cardStyles } from '../styles/card-styles.js';
import { StoreController } from '../state/store-controller.js';
import { decidedByText, expiryOutcome, quorumText, riskOf } from '../services/approval-text.js';
import { countdown } from '../services/format.js';

const STATUS = {
  pending: '⏳ Pending', approved: '✅ Approved', rejected: '❌ Rejected', expired: '⌛ Expired', cancelled: '🚫 Cancelled',
};
const FAILED = {
  conflict: 'Already decided (or expired).',
  not_found: 'No such request any more.',
  forbidden: 'Not yours to decide.',
};

/**
 * A flow group as one card (flow mode gathers an agent's requests of one type into the first one's
 * message): a row per request, decided all at once, or a chosen few, in one `approval.respond_many`.
 * Each request is still decided on its own: a row that could not be says why.
 */
export class ApprovalGroup extends LitElement {
  static properties = {
    approvals: { attribute: false },
    _selected: { state: true },
    _rejecting: { state: true },
    _busy: { state: true },
    _failures: { state: true },
    _error: { state: true },
    _now: { state: true },
  };

  static styles = [base, cardStyles, css`
    .card.settled { border-color: var(--border); }
    .count { font-weight: 400; font-size: 13px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    li { background: var(--bg-deep); border-radius: var(--radius); padding: 6px 8px; }
    .row { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; }
    .row label { display: flex; gap: 8px; align-items: center; flex: 1 1 200px; min-width: 0; color: var(--text-strong); }
    .row input[type=checkbox] { width: 18px; height: 18px; flex: none; margin: 0; }
    .status { font-size: 13px; }
    .failure { color: var(--danger-text); font-size: 13px; width: 100%; }
    details summary { cursor: pointer; color: var(--text-muted); font-size: 12px; }
    input.reason { width: 100%; margin-top: 8px; }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
    this._selected = new Set();
    this._failures = new Map();
    this._rejecting = null;
    this._error = '';
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
    const all = this.approvals ?? [];
    const pending = all.filter((a) => a.status === 'pending');
    const first = all[0] ?? {};
    return html`<div class="card ${pending.length ? '' : 'settled'}" data-testid="approval-group"
        data-approval-id=${first.approval_id} @keydown=${this._keydown}>
      <div class="title"><span data-testid="group-title">${pending.length ? '⚠️ Approvals Required' : '✅ Group decided'}</span>
        <span class="count muted">${all.length} requests from ${first.requested_by} · ${first.request_type}
          · ${pending.length} pending</span>${this._renderExpiry(pending)}</div>
      <ul>${all.map((a) => this._renderRow(a))}</ul>
      ${this._renderActions(pending)}
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
    </div>`;
  }

  /** The first of the pending requests to run out of time, and what happens to it then. */
  _renderExpiry(pending) {
    const next = [...pending].sort((x, y) => String(x.expires_at).localeCompare(String(y.expires_at)))[0];
    const left = next && countdown(next.expires_at, this._now);
    return left ? html`<span class="expires" data-testid="expires">${pending.length > 1 ? 'next ' : ''}expires in ${left}
      · ${expiryOutcome(next)}</span>` : nothing;
  }

  _renderRow(a) {
    const pending = a.status === 'pending';
    const failure = this._failures.get(a.approval_id);
    const quorum = quorumText(a);
    return html`<li data-testid="group-row" data-approval-id=${a.approval_id} data-status=${a.status}>
      <div class="row">
        <label>${pending && this._mayDecide() ? html`<input type="checkbox" data-testid="group-select"
            .checked=${this._selected.has(a.approval_id)} @change=${(e) => this._select(a.approval_id, e.target.checked)}>`
          : nothing}<span>${a.title}</span></label>
        <risk-badge risk=${riskOf(a)}></risk-badge>
        <span class="status" data-testid="row-status">${this._status(a)}${quorum && pending ? ` · ${quorum}` : ''}</span>
        ${failure ? html`<span class="failure" role="alert" data-testid="row-failure">${failure}</span>` : nothing}
      </div>
      <details><summary>Details</summary>
        <approval-context .approval=${a}></approval-context><approval-payload .approval=${a}></approval-payload></details>
    </li>`;
  }

  _status(a) {
    if (a.status === 'pending') {
      return STATUS.pending;
    }
    const by = decidedByText(a);
    return by.startsWith('by ') ? `${STATUS[a.status] ?? a.status} ${by}` : `${(STATUS[a.status] ?? '').split(' ')[0]} ${by}`;
  }

  _renderActions(pending) {
    if (!pending.length) {
      return nothing;
    }
    if (!this._mayDecide()) {
      return html`<div class="buttons"><span class="muted">Waiting for an approver.</span></div>`;
    }
    const selected = pending.filter((a) => this._selected.has(a.approval_id)).map((a) => a.approval_id);
    if (this._rejecting) {
      const ids = this._rejecting === 'all' ? pending.map((a) => a.approval_id) : selected;
      return html`<input class="reason" aria-label="Reason" placeholder="Why are these rejected? (required)" maxlength="2000"
          @keydown=${(e) => e.key === 'Enter' && this._reject(ids)}>
        <div class="buttons"><button class="danger" data-action="group-reject-confirm" ?disabled=${this._busy || !ids.length}
            @click=${() => this._reject(ids)}>Reject ${ids.length === 1 ? '1 request' : `${ids.length} requests`}</button>
          <button @click=${this._closeReject}>Cancel</button></div>`;
    }
    const all = pending.map((a) => a.approval_id);
    return html`<div class="buttons">
      <button class="ok" data-action="approve-all" ?disabled=${this._busy} @click=${() => this._decide(all, 'approve')}>Approve all</button>
      <button class="danger" data-action="reject-all" ?disabled=${this._busy} @click=${() => this._openReject('all')}>Reject all…</button>
      <button data-action="approve-selected" ?disabled=${this._busy || !selected.length}
        @click=${() => this._decide(selected, 'approve')}>Approve selected (${selected.length})</button>
      <button data-action="reject-selected" ?disabled=${this._busy || !selected.length}
        @click=${() => this._openReject('selected')}>Reject selected…</button>
    </div>`;
  }

  _mayDecide() {
    const roles = this.store.user?.roles ?? [];
    return roles.includes('approver') || roles.includes('admin');
  }

  _select(id, checked) {
    const selected = new Set(this._selected);
    if (checked) {
      selected.add(id);
    } else {
      selected.delete(id);
    }
    this._selected = selected;
  }

  async _openReject(which) {
    this._error = '';
    this._rejecting = which;
    await this.updateComplete;
    this.renderRoot.querySelector('input.reason')?.focus();
  }

  async _closeReject() {
    const which = this._rejecting;
    this._rejecting = null;
    await this.updateComplete;
    this.renderRoot.querySelector(`[data-action=reject-${which}]`)?.focus();
  }

  _keydown(event) {
    if (event.key === 'Escape' && this._rejecting) {
      this._closeReject();
    }
  }

  _reject(ids) {
    const reason = this.renderRoot.querySelector('input.reason')?.value.trim();
    if (!reason) {
      this._error = 'A reason is required to reject.';
      return;
    }
    this._decide(ids, 'reject', reason);
  }

  async _decide(ids, action, comment) {
    if (!ids.length) {
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      const results = await this.store.respondMany(ids, action, comment ? { comment } : {});
      const failures = new Map(this._failures);
      ids.forEach((id) => failures.delete(id));
      results.filter((r) => FAILED[r.result]).forEach((r) => failures.set(r.approval_id, r.message || FAILED[r.result]));
      this._failures = failures;
      if (failures.size) { // decided elsewhere meanwhile: show each row as it is now
        this.store.loadGroup(this.approvals[0].approval_id);
      }
      this._selected = new Set([...this._selected].filter((id) => !ids.includes(id)));
      this._rejecting = null;
    } catch (error) {
      this._error = error.message;
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('approval-group', ApprovalGroup);
