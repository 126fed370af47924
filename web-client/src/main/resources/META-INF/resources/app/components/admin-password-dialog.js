import { LitElement, html, css, nothing } from 'lit';
import { adminApi } from '../services/admin-api.js';
import { ApiError } from '../services/api.js';
import { base } from '../styles/base-styles.js';
import { adminStyles } from '../styles/admin-styles.js';

const MIN_CHARS = 8;
const MAX_BYTES = 72;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password of 16 letters and digits that can't be mistaken for one another, from the browser's secure random. */
export function madeUpPassword() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/**
 * An admin sets someone's password: made up by the server (shown once, to hand over) or typed.
 * Their sessions end. Esc or Cancel closes; the focus goes back to the button that opened it.
 */
export class AdminPasswordDialog extends LitElement {
  static properties = {
    _username: { state: true },
    _typed: { state: true },
    _error: { state: true },
    _generated: { state: true },
    _done: { state: true },
    _busy: { state: true },
  };

  static styles = [base, adminStyles, css`
    dialog { background: var(--bg); color: var(--text); border: 0; border-radius: 8px; padding: 24px; width: min(440px, 92vw); box-shadow: 0 8px 30px #0009; }
    dialog::backdrop { background: #000a; }
    h2 { text-transform: none; font-size: 20px; color: var(--text-strong); letter-spacing: 0; }
    fieldset { border: 0; padding: 0; margin: 0 0 12px; display: grid; gap: 8px; }
    legend { font-size: 13px; margin-bottom: 6px; }
    .choice { display: flex; gap: 8px; align-items: center; font-size: 15px; font-weight: 400; color: var(--text); text-transform: none; }
    .choice input { width: auto; min-height: 0; }
    .buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 12px; }
  `];

  async open(username, opener) {
    this._username = username;
    this._opener = opener;
    this._typed = false;
    this._error = null;
    this._generated = null;
    this._done = false;
    this._busy = false;
    await this.updateComplete;
    this.renderRoot.querySelector('form')?.reset();
    this.renderRoot.querySelector('dialog').showModal();
    this.renderRoot.querySelector('input[value=generate]').focus();
  }

  close() {
    this.renderRoot.querySelector('dialog').close();
  }

  render() {
    return html`<dialog aria-labelledby="reset-title" @close=${() => this._opener?.focus()}>
      <h2 id="reset-title">New password for ${this._username ?? ''}</h2>
      ${this._done ? this._renderDone() : this._renderForm()}
    </dialog>`;
  }

  _renderForm() {
    return html`<form novalidate @submit=${this._submit}>
      <input type="text" name="username" autocomplete="username" .value=${this._username ?? ''} readonly hidden>
      <fieldset>
        <legend>Their sessions end; they sign in with the new password.</legend>
        <label class="choice"><input type="radio" name="how" value="generate" checked
          @change=${() => { this._typed = false; }}> Make one up, and show it to me once</label>
        <label class="choice"><input type="radio" name="how" value="type" data-testid="type-password"
          @change=${() => { this._typed = true; }}> Type one</label>
      </fieldset>
      <div class="field" ?hidden=${!this._typed}>
        <label for="typed">New password</label>
        <input id="typed" name="password" type="password" autocomplete="new-password"
          aria-invalid=${this._error ? 'true' : 'false'} aria-describedby=${this._error ? 'typed-error' : nothing}>
        <span class="hint">At least ${MIN_CHARS} characters.</span>
      </div>
      ${this._error ? html`<div class="error" id="typed-error" role="alert" data-testid="reset-error">${this._error}</div>` : ''}
      <div class="buttons">
        <button type="button" @click=${this.close}>Cancel</button>
        <button class="primary" type="submit" ?disabled=${this._busy}>Set password</button>
      </div>
    </form>`;
  }

  _renderDone() {
    return html`
      ${this._generated ? html`<p>Hand this password over; it is not shown again:</p>
        <p class="secret" data-testid="generated-password">${this._generated}</p>`
        : html`<p role="status">The password was set.</p>`}
      <div class="buttons"><button class="primary" id="done" @click=${this.close}>Done</button></div>`;
  }

  async _submit(event) {
    event.preventDefault();
    const password = this._typed ? new FormData(event.target).get('password') : null;
    if (password !== null && (password.length < MIN_CHARS || new TextEncoder().encode(password).length > MAX_BYTES)) {
      this._error = `From ${MIN_CHARS} characters to ${MAX_BYTES} bytes.`;
      await this.updateComplete;
      this.renderRoot.querySelector('#typed').focus();
      return;
    }
    this._busy = true;
    try {
      const answer = await adminApi.resetPassword(this._username, password);
      this._generated = answer?.generated_password ?? null;
      this._done = true;
      this.dispatchEvent(new CustomEvent('password-set', { detail: { username: this._username } }));
      await this.updateComplete;
      this.renderRoot.querySelector('#done').focus();
    } catch (error) {
      this._error = error instanceof ApiError ? error.message : 'The server could not be reached; try again.';
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('admin-password-dialog', AdminPasswordDialog);
