import { LitElement, html, css } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { renderMarkdown } from '../services/markdown.js';
import { countdown, dateTime } from '../services/format.js';
import { base, markdown } from '../services/shared-styles.js';

const OUTCOME = {
  approved: '✅ Approved', rejected: '❌ Rejected', modified: '✏️ Approved with changes',
  expired: '⌛ Expired', cancelled: '🚫 Cancelled',
};

/** An approval request as a card: decide it, or see how it was decided. */
export class ApprovalCard extends LitElement {
  static properties = {
    store: { attribute: false },
    approvalId: {},
    approval: { attribute: false },
    content: {},
    _mode: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _now: { state: true },
  };

  static styles = [base, markdown, css`
    :host { display: block; max-width: 720px; }
    .card { border: 1px solid var(--warn); border-left-width: 4px; border-radius: var(--radius); background: var(--bg-side); padding: 12px 14px; margin: 4px 0; }
    .card.decided { border-color: #4e5058; }
    .card.approved, .card.modified { border-color: var(--ok); }
    .card.rejected { border-color: var(--danger); }
    .title { display: flex; gap: 8px; align-items: baseline; font-weight: 700; color: var(--text-strong); margin-bottom: 6px; }
    .id { font-family: var(--mono); font-size: 12px; color: var(--text-muted); font-weight: 400; }
    .expires { margin-left: auto; font-size: 12px; color: var(--warn); font-weight: 400; }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
    .outcome { margin-top: 10px; font-weight: 600; }
    .outcome .muted { font-weight: 400; }
    textarea, input { width: 100%; margin-top: 8px; }
    textarea { min-height: 140px; font-family: var(--mono); font-size: 13px; }
    pre.details { white-space: pre-wrap; font-family: var(--mono); font-size: 12px; background: var(--bg-deep); padding: 8px; border-radius: var(--radius); max-height: 300px; overflow: auto; }
    .error { color: var(--danger); font-size: 13px; margin-top: 6px; }
  `];

  connectedCallback() {
    super.connectedCallback();
    this._now = Date.now();
    this._timer = setInterval(() => { this._now = Date.now(); }, 1000);
    // Decisions arrive as frames at any time: follow the store, not only the parent's properties.
    this._onChange = () => { this.approval = this.store.approvals.get(this.approvalId); };
    this.store.addEventListener('change', this._onChange);
    if (!this.approval && this.approvalId) {
      this.store.approval(this.approvalId);
    }
  }

  disconnectedCallback() {
    clearInterval(this._timer);
    this.store.removeEventListener('change', this._onChange);
    super.disconnectedCallback();
  }

  render() {
    const a = this.approval;
    const status = a?.status ?? 'pending';
    const left = a ? countdown(a.expires_at, this._now) : null;
    const pending = status === 'pending';
    return html`
      <div class="card ${status} ${pending ? '' : 'decided'}" data-testid="approval-card" data-status=${status}>
        <div class="title">⚠️ Approval Required <span class="id">#${String(this.approvalId).slice(0, 8)}</span>
          ${pending && left ? html`<span class="expires" data-testid="expires">expires in ${left}</span>` : ''}
          ${pending && a && !left ? html`<span class="expires">expiring…</span>` : ''}</div>
        <div class="md">${unsafeHTML(renderMarkdown(this.content || a?.title || ''))}</div>
        ${pending ? this._renderActions() : this._renderOutcome(a)}
        ${this._mode === 'details' && a ? html`<pre class="details">${JSON.stringify(a, null, 2)}</pre>` : ''}
        ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : ''}
      </div>
    `;
  }

  _renderActions() {
    const roles = this.store.user?.roles ?? [];
    const mayDecide = roles.includes('approver') || roles.includes('admin');
    const details = html`<button @click=${() => this._toggle('details')}>Details</button>`;
    if (!mayDecide) {
      return html`<div class="buttons"><span class="muted">Waiting for an approver.</span>${details}</div>`;
    }
    if (this._mode === 'reject') {
      return html`<input aria-label="Reason" placeholder="Why is this rejected? (required)" maxlength="2000"
                         @keydown=${(e) => e.key === 'Enter' && this._reject()}>
        <div class="buttons"><button class="danger" ?disabled=${this._busy} @click=${this._reject}>Reject</button>
          <button @click=${() => this._toggle(null)}>Cancel</button></div>`;
    }
    if (this._mode === 'modify') {
      return html`<textarea aria-label="Modified payload">${JSON.stringify(this.approval?.payload ?? {}, null, 2)}</textarea>
        <div class="buttons"><button class="primary" ?disabled=${this._busy} @click=${this._modify}>Approve with changes</button>
          <button @click=${() => this._toggle(null)}>Cancel</button></div>`;
    }
    return html`<div class="buttons">
      <button class="ok" data-action="approve" ?disabled=${this._busy} @click=${() => this._decide('approve')}>Approve</button>
      <button class="danger" data-action="reject" ?disabled=${this._busy} @click=${() => this._toggle('reject')}>Reject</button>
      <button data-action="modify" ?disabled=${this._busy || !this.approval} @click=${() => this._toggle('modify')}>Modify</button>
      ${details}
    </div>`;
  }

  _renderOutcome(a) {
    return html`<div class="outcome" data-testid="outcome">${OUTCOME[a.status] ?? a.status}
      ${a.decided_by ? html`<span class="muted">by ${a.decided_by}</span>` : ''}
      ${a.decided_at ? html`<span class="muted">· ${dateTime(a.decided_at)}</span>` : ''}
      ${a.comment ? html`<div class="muted">“${a.comment}”</div>` : ''}</div>`;
  }

  updated() {
    this.renderRoot.querySelector('input, textarea')?.focus();
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
      await this.store.respond(this.approvalId, action, extra);
      this._mode = null;
    } catch (error) {
      this._error = error.code === 'conflict' ? 'Someone decided this already.' : error.message;
      this.store.approval(this.approvalId);
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('approval-card', ApprovalCard);
