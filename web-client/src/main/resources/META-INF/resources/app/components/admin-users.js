import { LitElement, html } from 'lit';
import { adminApi } from '../services/admin-api.js';
import { StoreController } from '../state/store-controller.js';
import { base } from '../styles/base-styles.js';
import { adminStyles } from '../styles/admin-styles.js';
import { madeUpPassword } from './admin-password-dialog.js';

// A person's role as one choice: each includes the ones before it (every person is a member).
const ROLES = [
  { id: 'member', label: 'Member', roles: [] },
  { id: 'approver', label: 'Approver', roles: ['approver'] },
  { id: 'admin', label: 'Admin', roles: ['admin'] },
];

function roleOf(user) {
  return user.roles?.includes('admin') ? 'admin' : user.roles?.includes('approver') ? 'approver' : 'member';
}

/**
 * People: everyone's account with role and state; an admin adds one, changes a role, deactivates
 * or reactivates, and sets a new password (admin-password-dialog). Their own role and account
 * they can't take away: another admin can, so the chat always has one.
 */
export class AdminUsers extends LitElement {
  static properties = {
    _users: { state: true },
    _status: { state: true },
    _error: { state: true },
    _created: { state: true },
  };

  static styles = [base, adminStyles];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
    this._users = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this._load();
  }

  async _load() {
    try {
      this._users = await adminApi.users();
    } catch (error) {
      this._fail(error);
    }
  }

  render() {
    return html`
      ${this._renderCreate()}
      <div class="status" role="status" data-testid="users-status">${this._status ?? ''}</div>
      ${this._error ? html`<div class="status error" role="alert" data-testid="users-error">${this._error}</div>` : ''}
      ${this._users === null ? html`<p class="muted">Loading people…</p>`
        : html`<ul class="rows" aria-label="People">${this._users.map((u) => this._renderUser(u))}</ul>`}
      <admin-password-dialog @password-set=${this._passwordSet}></admin-password-dialog>
    `;
  }

  _renderCreate() {
    return html`<h3>Add a person</h3>
      <form class="inline" @submit=${this._create} data-testid="create-user">
        <div class="field narrow"><label for="new-username">Username</label>
          <input id="new-username" name="username" required autocomplete="off" pattern="[a-z0-9._\\-]{2,32}"
            aria-describedby="username-hint"></div>
        <div class="field"><label for="new-display">Display name</label>
          <input id="new-display" name="display_name" maxlength="64" autocomplete="off"></div>
        <div class="field narrow"><label for="new-role">Role</label>
          <select id="new-role" name="role">${ROLES.map((r) => html`<option value=${r.id}>${r.label}</option>`)}</select></div>
        <div class="field"><label for="new-password">Password</label>
          <input id="new-password" name="password" type="password" autocomplete="new-password" minlength="8"
            aria-describedby="password-hint"></div>
        <button class="primary" type="submit">Add</button>
      </form>
      <p class="hint"><span id="username-hint">Username: 2 to 32 of a–z, 0–9, “.”, “-”, “_”.</span>
        <span id="password-hint">Leave the password empty to have one made up; it is shown once.</span></p>
      ${this._created ? html`<p data-testid="created-password">Password for <strong>${this._created.username}</strong>,
        shown this once: <span class="secret">${this._created.password}</span></p>` : ''}`;
  }

  _renderUser(user) {
    const me = user.username === this.store.user?.username;
    const disabled = Boolean(user.disabled);
    return html`<li data-testid="user-row" data-username=${user.username}>
      <div class="who"><strong>${user.display_name}</strong> <span class="muted">@${user.username}${me ? ' (you)' : ''}</span></div>
      <span class="state ${disabled ? 'off' : ''}" data-testid="user-state">${disabled ? 'Deactivated' : 'Active'}</span>
      <div class="actions">
        <select aria-label="Role of ${user.username}" data-testid="role" ?disabled=${me}
          @change=${(e) => this._changeRole(user, e.target.value)}>
          ${ROLES.map((r) => html`<option value=${r.id} ?selected=${roleOf(user) === r.id}>${r.label}</option>`)}
        </select>
        <button data-testid="reset-password" aria-label="Set a new password for ${user.username}" ?hidden=${me}
          @click=${(e) => this.renderRoot.querySelector('admin-password-dialog').open(user.username, e.currentTarget)}>
          New password…</button>
        <button data-testid="toggle-active" ?hidden=${me} aria-label="${disabled ? 'Reactivate' : 'Deactivate'} ${user.username}"
          @click=${() => this._setDisabled(user, !disabled)}>${disabled ? 'Reactivate' : 'Deactivate'}</button>
      </div>
    </li>`;
  }

  async _create(event) {
    event.preventDefault();
    const element = event.target; // the event's target is gone once the call has been awaited
    const form = new FormData(element);
    const typed = form.get('password');
    const password = typed || madeUpPassword();
    const user = { username: form.get('username').trim(), display_name: form.get('display_name').trim() || undefined,
      password, roles: ROLES.find((r) => r.id === form.get('role')).roles };
    await this._act(async () => {
      await adminApi.createUser(user);
      element.reset();
      this._created = typed ? null : { username: user.username, password };
      return `${user.username} was added.`;
    });
  }

  _changeRole(user, role) {
    const label = ROLES.find((r) => r.id === role).label;
    return this._act(async () => {
      await adminApi.updateUser(user.username, { roles: ROLES.find((r) => r.id === role).roles });
      return `${user.username} is now ${label.toLowerCase()}.`;
    });
  }

  _setDisabled(user, disabled) {
    return this._act(async () => {
      await adminApi.setDisabled(user.username, disabled);
      return disabled ? `${user.username} was deactivated; their sessions ended.` : `${user.username} was reactivated.`;
    });
  }

  _passwordSet(event) {
    this._status = `${event.detail.username} has a new password; their sessions ended.`;
  }

  /** Runs an action, says how it went, and shows the list as the server has it now. */
  async _act(action) {
    this._error = null;
    this._status = '';
    try {
      this._status = await action();
    } catch (error) {
      this._fail(error);
    }
    await this._load();
  }

  _fail(error) {
    this._error = error.message ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` : 'That did not work.';
  }
}
customElements.define('admin-users', AdminUsers);
