import { LitElement, html, css } from 'lit';
import { api } from '../services/api.js';
import { base } from '../styles/base-styles.js';

/** The sign-in form; fires signed-in with the user. */
export class LoginView extends LitElement {
  static properties = {
    _error: { state: true },
    _busy: { state: true },
  };

  static styles = [base, css`
    :host { display: grid; place-items: center; height: 100%; background: linear-gradient(135deg, var(--bg-deep), var(--bg) 60%, var(--login-glow)); }
    /* the page's main landmark, laid out as if it weren't there */
    main { display: contents; }
    form { background: var(--bg); padding: 32px; border-radius: 8px; width: min(400px, 92vw); display: grid; gap: 14px; box-shadow: 0 8px 30px var(--shadow); }
    h1 { margin: 0; font-size: 22px; color: var(--text-strong); text-align: center; }
    p { margin: 0; text-align: center; }
    label { display: grid; gap: 6px; font-size: 12px; font-weight: 700; text-transform: uppercase; color: var(--text-muted); }
    .error { color: var(--danger-text); font-size: 14px; }
    button { padding: 10px; }
  `];

  render() {
    return html`
      <main><form @submit=${this._submit}>
        <h1>Workflow Chat</h1>
        <p class="muted">The control room of your agents.</p>
        <label>Username <input name="username" autocomplete="username" required autofocus></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : ''}
        <button class="primary" type="submit" ?disabled=${this._busy}>${this._busy ? 'Signing in…' : 'Sign in'}</button>
      </form></main>
    `;
  }

  /** autofocus does not reach into a shadow root on every browser: the keyboard starts in the form. */
  firstUpdated() {
    this.renderRoot.querySelector('input[name=username]').focus();
  }

  async _submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    this._busy = true;
    this._error = '';
    try {
      const answer = await api.login(form.get('username'), form.get('password'));
      this.dispatchEvent(new CustomEvent('signed-in', { detail: answer.user, bubbles: true, composed: true }));
    } catch (error) {
      this._error = error.status === 401 ? 'Wrong username or password.' : error.message;
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('login-view', LoginView);
