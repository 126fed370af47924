import { LitElement, html } from 'lit';
import { adminApi } from '../services/admin-api.js';
import { StoreController } from '../state/store-controller.js';
import { base } from '../styles/base-styles.js';
import { adminStyles } from '../styles/admin-styles.js';
import './password-dialog.js';

/** The person's own profile: the display name others see, and their password (password-dialog). */
export class ProfileSettings extends LitElement {
  static properties = {
    _status: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  static styles = [base, adminStyles];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
  }

  render() {
    const user = this.store.user;
    return html`<h2 id="profile-title">Profile</h2>
      <p>Signed in as <strong>@${user?.username}</strong> <span class="muted">(${user?.roles?.join(', ')})</span></p>
      <form class="inline" @submit=${this._save} aria-labelledby="profile-title" data-testid="profile-form">
        <div class="field"><label for="display-name">Display name</label>
          <input id="display-name" name="display_name" required maxlength="64" autocomplete="name"
            .value=${user?.display_name ?? ''} aria-invalid=${this._error ? 'true' : 'false'}
            aria-describedby="display-name-hint"></div>
        <button class="primary" type="submit" ?disabled=${this._busy}>Save</button>
      </form>
      <p class="hint" id="display-name-hint">What others see beside your messages.</p>
      <div class="status" role="status" data-testid="profile-status">${this._status ?? ''}</div>
      ${this._error ? html`<div class="status error" role="alert" data-testid="profile-error">${this._error}</div>` : ''}
      <button data-testid="change-password" @click=${(e) => this.renderRoot.querySelector('password-dialog').open(e.currentTarget)}>
        Change password…</button>
      <password-dialog .username=${user?.username}></password-dialog>`;
  }

  async _save(event) {
    event.preventDefault();
    const name = new FormData(event.target).get('display_name').trim();
    this._error = null;
    this._status = '';
    if (!name) {
      this._error = 'Enter a display name.';
      return;
    }
    this._busy = true;
    try {
      const user = await adminApi.updateMe({ display_name: name });
      this._status = `Saved: others now see you as ${user.display_name}.`;
    } catch (error) {
      this._error = error.message;
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('profile-settings', ProfileSettings);
