import { LitElement, html, css } from 'lit';
import { authorLabel } from '../services/format.js';
import { QUICK_REACTIONS } from '../services/message-actions.js';
import { panelOpened } from '../services/panels.js';
import { base } from '../styles/base-styles.js';

/**
 * A message's actions for touch (long press, or the message's ⋯ button): quick reactions and the
 * actions the hover bar offers, as a bottom sheet over a scrim on a phone. A modal dialog, so the
 * focus stays in it; Escape, the scrim, a Cancel button or the browser's back close it, and the
 * focus goes back where it was. One sheet for the page: see openMessageSheet.
 */
export class MessageSheet extends LitElement {
  static properties = {
    _open: { state: true },
  };

  static styles = [base, css`
    dialog { padding: 0; border: 0; color: var(--text); background: var(--bg-side); width: min(520px, 100vw); max-width: 100vw; max-height: 85vh; overflow-y: auto;
             border-radius: 12px; box-shadow: 0 -8px 30px #000c; }
    dialog::backdrop { background: #000b; }
    @media (max-width: 900px) { dialog { margin: auto 0 0; width: 100vw; border-radius: 12px 12px 0 0; } }
    h2 { font-size: 13px; font-weight: 400; margin: 0; padding: 12px 16px 4px; color: var(--text-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .reactions { display: flex; flex-wrap: wrap; gap: 4px; padding: 8px 12px; border-bottom: 1px solid var(--bg-deep); }
    .reactions button { font-size: 22px; min-width: 44px; min-height: 44px; padding: 0; background: var(--bg-input); border-radius: 22px; }
    ul { list-style: none; margin: 0; padding: 6px 0; }
    ul button { display: flex; gap: 14px; align-items: center; width: 100%; min-height: 48px; padding: 0 18px; background: none; border-radius: 0; text-align: left; font-size: 16px; }
    ul button:hover, ul button:focus-visible { background: var(--bg-hover); }
    ul button.danger { color: #ff7b7e; background: none; }
    .icon { width: 24px; text-align: center; }
  `];

  render() {
    const open = this._open;
    return html`<dialog aria-labelledby="sheet-title" data-testid="message-sheet" @close=${this._closed}
        @cancel=${this._cancel} @pointerdown=${this._scrimDown} @click=${this._scrim} @keydown=${this._trap}>${open ? html`
      <h2 id="sheet-title">Message actions · ${authorLabel(open.message)}: ${String(open.message.content ?? '').slice(0, 80)}</h2>
      ${open.actions.some((a) => a.id === 'react') ? html`<div class="reactions" role="group" aria-label="Quick reactions">
        ${QUICK_REACTIONS.map((r) => html`<button aria-label="React ${r}" data-reaction=${r}
          @click=${() => this._choose('react', r)}>${r}</button>`)}</div>` : ''}
      <ul>${open.actions.filter((a) => a.id !== 'react').map((a) => html`<li><button data-action=${a.id}
          class=${a.id === 'delete' ? 'danger' : ''} @click=${() => this._choose(a.id)}>
          <span class="icon" aria-hidden="true">${a.icon}</span>${a.label}</button></li>`)}
        <li><button data-action="close" @click=${() => this.close()}><span class="icon" aria-hidden="true">✕</span>Cancel</button></li>
      </ul>` : ''}</dialog>`;
  }

  /** `{message, actions, run(id, reaction), returnTo}`: run is called with the chosen action once the sheet closed. */
  async open(options) {
    if (this._open) {
      this.close();
    }
    this._open = options;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog').showModal();
    this._downOnScrim = false;
    this._unregister = panelOpened(() => this.close());
    // the browser's back closes the sheet, not the page: an entry of its own, at the same address
    history.pushState({ messageSheet: true }, '');
    this._onPop = () => { this._popped = true; this.close(); };
    window.addEventListener('popstate', this._onPop);
  }

  close() {
    this.renderRoot.querySelector('dialog')?.close(); // the close event does the rest
  }

  _choose(id, reaction) {
    const { run } = this._open ?? {};
    this._chosen = () => run?.(id, reaction);
    this.close();
  }

  _cancel(event) {
    event.preventDefault(); // Escape: closed the same way as every other close
    this.close();
  }

  /** Tab and Shift+Tab go round the sheet's buttons (a modal dialog would let them out to the browser). */
  _trap(event) {
    if (event.key !== 'Tab') {
      return;
    }
    const buttons = [...this.renderRoot.querySelectorAll('dialog button')];
    const at = buttons.indexOf(this.renderRoot.activeElement);
    if (event.shiftKey && at <= 0) {
      event.preventDefault();
      buttons.at(-1)?.focus();
    } else if (!event.shiftKey && at === buttons.length - 1) {
      event.preventDefault();
      buttons[0]?.focus();
    }
  }

  /** A tap on the scrim closes: pressed and released there (not the lift of the long press that opened it). */
  _scrimDown(event) {
    this._downOnScrim = outside(event);
  }

  _scrim(event) {
    if (this._downOnScrim && outside(event)) {
      this.close();
    }
    this._downOnScrim = false;
  }

  _closed() {
    const { returnTo } = this._open ?? {};
    this._unregister?.();
    this._unregister = null;
    window.removeEventListener('popstate', this._onPop);
    if (!this._popped && history.state?.messageSheet) {
      history.back(); // the sheet's own entry goes
    }
    this._popped = false;
    this._open = null;
    returnTo?.focus?.();
    const chosen = this._chosen;
    this._chosen = null;
    chosen?.();
  }
}
customElements.define('message-sheet', MessageSheet);

/** Whether a pointer event on the dialog is on its backdrop, outside the sheet. */
function outside(event) {
  const dialog = event.currentTarget;
  const box = dialog.getBoundingClientRect();
  return event.target === dialog && (event.clientY < box.top || event.clientY > box.bottom
    || event.clientX < box.left || event.clientX > box.right);
}

/** Opens the page's one action sheet (made on first use, in the body: above every pane). */
export function openMessageSheet(options) {
  let sheet = document.querySelector('message-sheet');
  if (!sheet) {
    sheet = document.createElement('message-sheet');
    document.body.append(sheet);
  }
  return sheet.open(options);
}
