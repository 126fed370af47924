import { LitElement, html, css } from 'lit';
import { base } from '../styles/base-styles.js';

/**
 * Asks why a request is rejected, in a small modal dialog: `ask(title)` resolves with the reason,
 * or null when cancelled (Cancel or Escape). The reason is required; the focus goes back where it was.
 */
export class ReasonDialog extends LitElement {
  static properties = {
    _title: { state: true },
    _error: { state: true },
  };

  static styles = [base, css`
    dialog { background: var(--bg-side); color: var(--text); border: 1px solid var(--bg-deep); border-radius: var(--radius);
      padding: 16px; width: min(440px, 92vw); box-shadow: 0 8px 24px #000a; }
    dialog::backdrop { background: #0008; }
    h2 { font-size: 15px; margin: 0 0 8px; color: var(--text-strong); }
    input { width: 100%; }
    .buttons { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
    .error { color: var(--danger-text); font-size: 13px; margin-top: 6px; }
    @media (pointer: coarse) { button, input { min-height: 44px; } }
  `];

  render() {
    return html`<dialog aria-labelledby="reason-title" data-testid="reason-dialog" @cancel=${this._cancel}>
      <form method="dialog" @submit=${this._submit}>
        <h2 id="reason-title">${this._title}</h2>
        <input name="reason" aria-label="Reason" placeholder="Why is this rejected? (required)" maxlength="2000" autocomplete="off">
        ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : ''}
        <div class="buttons">
          <button type="button" @click=${this._cancel}>Cancel</button>
          <button type="submit" class="danger" data-action="reason-confirm">Reject</button>
        </div>
      </form>
    </dialog>`;
  }

  /** Whether it is asking now. */
  get isOpen() {
    return Boolean(this.renderRoot?.querySelector('dialog')?.open);
  }

  /** Opens the dialog; resolves with the reason given, or null. */
  async ask(title) {
    this._title = title;
    this._error = '';
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    dialog.querySelector('input').value = '';
    dialog.showModal();
    dialog.querySelector('input').focus();
    return new Promise((resolve) => { this._resolve = resolve; });
  }

  _submit(event) {
    event.preventDefault();
    const reason = this.renderRoot.querySelector('input').value.trim();
    if (!reason) {
      this._error = 'A reason is required to reject.';
      return;
    }
    this._finish(reason);
  }

  _cancel(event) {
    event?.preventDefault();
    this._finish(null);
  }

  _finish(reason) {
    this.renderRoot.querySelector('dialog').close();
    this._resolve?.(reason);
    this._resolve = null;
  }
}
customElements.define('reason-dialog', ReasonDialog);
