import { LitElement, html, css, nothing } from 'lit';
import { api, ApiError } from '../services/api.js';
import { base } from '../styles/base-styles.js';

// What the server accepts (PasswordHasher): checked here too, so the person hears it before sending.
const MIN_CHARS = 8;
const MAX_BYTES = 72;

/**
 * Changing one's own password in a modal dialog: the current one, the new one twice. Errors show
 * beside the field they concern; Esc or Cancel closes, and the focus goes back to what opened it.
 */
export class PasswordDialog extends LitElement {
  static properties = {
    username: {},
    _errors: { state: true },
    _busy: { state: true },
    _done: { state: true },
  };

  static styles = [base, css`
    dialog { background: var(--bg); color: var(--text); border: 0; border-radius: 8px; padding: 24px; width: min(420px, 92vw); box-shadow: 0 8px 30px var(--shadow); }
    dialog::backdrop { background: var(--scrim); }
    h2 { margin: 0 0 16px; font-size: 20px; color: var(--text-strong); }
    form { display: grid; gap: 14px; }
    .field { display: grid; gap: 6px; }
    label { font-size: 12px; font-weight: 700; text-transform: uppercase; color: var(--text-muted); }
    input[aria-invalid=true] { border-color: var(--danger); }
    .hint { font-size: 12px; color: var(--text-muted); }
    .error { color: var(--danger-text); font-size: 13px; }
    .buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 4px; }
    [hidden] { display: none; }
  `];

  constructor() {
    super();
    this._errors = {};
  }

  /** Opens the dialog; {@code opener} gets the focus back when it closes. */
  async open(opener) {
    this._opener = opener;
    this._errors = {};
    this._done = false;
    this._busy = false;
    await this.updateComplete;
    this.renderRoot.querySelector('form')?.reset();
    this._dialog.showModal();
    this.renderRoot.querySelector('#current').focus();
  }

  close() {
    this._dialog.close();
  }

  render() {
    return html`<dialog aria-labelledby="password-title" @close=${this._closed}>
      <h2 id="password-title">Change password</h2>
      ${this._done ? this._renderDone() : ''}
      <form novalidate @submit=${this._submit} ?hidden=${this._done}>
        <input type="text" name="username" autocomplete="username" .value=${this.username ?? ''} readonly hidden>
        ${this._field('current', 'Current password', 'current-password')}
        ${this._field('next', 'New password', 'new-password', `At least ${MIN_CHARS} characters.`)}
        ${this._field('again', 'New password, again', 'new-password')}
        ${this._errors.form ? html`<div class="error" role="alert" data-testid="password-error">${this._errors.form}</div>` : ''}
        <div class="buttons">
          <button type="button" @click=${this.close}>Cancel</button>
          <button class="primary" type="submit" ?disabled=${this._busy}>${this._busy ? 'Changing…' : 'Change password'}</button>
        </div>
      </form>
    </dialog>`;
  }

  _field(name, label, autocomplete, hint = '') {
    const error = this._errors[name];
    const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input id=${name} name=${name} type="password" autocomplete=${autocomplete} required
             aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing}>
      ${hint ? html`<span class="hint" id="${name}-hint">${hint}</span>` : ''}
      ${error ? html`<span class="error" id="${name}-error" role="alert">${error}</span>` : ''}
    </div>`;
  }

  _renderDone() {
    return html`<p role="status" data-testid="password-changed">Your password was changed. Your other sessions
      were signed out; this one stays.</p>
      <div class="buttons"><button class="primary" id="done" @click=${this.close}>Done</button></div>`;
  }

  get _dialog() {
    return this.renderRoot.querySelector('dialog');
  }

  async _submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const current = form.get('current');
    const next = form.get('next');
    this._errors = check(current, next, form.get('again'));
    if (Object.keys(this._errors).length) {
      await this._focusFirstError();
      return;
    }
    this._busy = true;
    try {
      await api.changePassword(current, next);
      this._done = true;
      await this.updateComplete;
      this.renderRoot.querySelector('#done').focus();
    } catch (error) {
      this._errors = answered(error);
      await this._focusFirstError();
    } finally {
      this._busy = false;
    }
  }

  async _focusFirstError() {
    await this.updateComplete;
    this.renderRoot.querySelector('input[aria-invalid=true]')?.focus();
  }

  _closed() {
    this._opener?.focus();
  }
}

function check(current, next, again) {
  const errors = {};
  if (!current) {
    errors.current = 'Enter your current password.';
  }
  if (next.length < MIN_CHARS) {
    errors.next = `At least ${MIN_CHARS} characters.`;
  } else if (new TextEncoder().encode(next).length > MAX_BYTES) {
    errors.next = `At most ${MAX_BYTES} bytes: a shorter password, or fewer accented or non-Latin letters.`;
  } else if (next !== again) {
    errors.again = 'The two new passwords differ.';
  }
  return errors;
}

/** The server's refusal, beside the field it concerns. */
function answered(error) {
  if (!(error instanceof ApiError)) {
    return { form: 'The server could not be reached; try again.' };
  }
  switch (error.status) {
    case 403: return { current: 'That is not your current password.' };
    case 400: return { next: error.message };
    case 401: return { form: 'Your session has ended; sign in again.' };
    case 429: return { form: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` };
    default: return { form: error.message };
  }
}
customElements.define('password-dialog', PasswordDialog);
