import { LitElement, html, css } from 'lit';
import { channelLabel } from '../services/format.js';
import { pushStatus, subscribePush, unsubscribePush } from '../services/web-push.js';
import { notificationPrefs } from '../state/notification-prefs.js';
import { base } from '../styles/base-styles.js';

const KINDS = [
  ['mentions', 'Mentions of me'],
  ['dms', 'Messages in my DMs'],
  ['approvals', 'Approvals I can decide (approvers and admins)'],
];

/**
 * Notification settings: desktop notifications (the browser's permission is asked here, on the
 * click that turns them on), which kinds, the muted channels, and Web Push for this device. Saved
 * on the server, so they follow the person to every device (Web Push is per device).
 */
export class NotificationSettings extends LitElement {
  static properties = { _push: { state: true }, _status: { state: true }, _busy: { state: true } };

  static styles = [base, css`
    :host { display: block; }
    h2 { font-size: 18px; margin: 0 0 12px; color: var(--text-strong); }
    h3 { font-size: 15px; margin: 18px 0 8px; color: var(--text-strong); }
    fieldset { border: 1px solid var(--bg-deep); border-radius: var(--radius); margin: 12px 0; padding: 8px 12px; }
    legend { color: var(--text-strong); padding: 0 4px; }
    label { display: flex; align-items: center; gap: 8px; min-height: 32px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    li { display: flex; align-items: center; gap: 12px; }
    .status { min-height: 20px; }
    @media (pointer: coarse) { label, button { min-height: 44px; } input[type=checkbox] { width: 44px; height: 44px; margin: 0 4px 0 0; flex: none; } }
  `];

  connectedCallback() {
    super.connectedCallback();
    this._changed = () => this.requestUpdate();
    notificationPrefs.addEventListener('change', this._changed);
    if (!notificationPrefs.loaded) {
      notificationPrefs.load().catch((error) => { this._status = `Could not load your settings: ${error.message}`; });
    }
    pushStatus().then((push) => { this._push = push; }).catch(() => { this._push = { enabled: false }; });
  }

  disconnectedCallback() {
    notificationPrefs.removeEventListener('change', this._changed);
    super.disconnectedCallback();
  }

  render() {
    const prefs = notificationPrefs.value;
    return html`
      <h2>Notifications</h2>
      <label><input type="checkbox" data-testid="desktop" .checked=${prefs.desktop} ?disabled=${this._busy}
          @change=${this._toggleDesktop}> Desktop notifications in this browser</label>
      <p class="muted">${this._permissionText()}</p>
      <fieldset>
        <legend>Tell me of</legend>
        ${KINDS.map(([key, text]) => html`<label><input type="checkbox" data-testid="kind-${key}" .checked=${prefs[key]}
            ?disabled=${this._busy} @change=${(e) => this._save({ [key]: e.target.checked })}> ${text}</label>`)}
      </fieldset>
      <h3>Muted channels</h3>
      ${prefs.muted.length === 0
        ? html`<p class="muted">None. Mute a channel with 🔔 in its header: it no longer notifies or counts in the
            tab's title, except a mention of you.</p>`
        : html`<ul data-testid="muted">${prefs.muted.map((channel) => html`<li><span>${channelLabel(channel)}</span>
            <button ?disabled=${this._busy} aria-label="Unmute ${channelLabel(channel)}"
              @click=${() => this._save({ muted: prefs.muted.filter((c) => c !== channel) })}>Unmute</button></li>`)}</ul>`}
      <h3>Push to this device</h3>
      ${this._renderPush()}
      <p class="status" role="status" data-testid="notification-status">${this._status ?? ''}</p>
    `;
  }

  _renderPush() {
    const push = this._push;
    if (!push) {
      return html`<p class="muted">Checking…</p>`;
    }
    if (!push.enabled) {
      return html`<p class="muted" data-testid="push-off">Push is off on this server: its operator has not set the
        VAPID keys (WFCHAT_PUSH_VAPID_PUBLIC_KEY and _PRIVATE_KEY).</p>`;
    }
    if (!push.supported) {
      return html`<p class="muted">This browser can't receive push here (it needs the installed app or HTTPS).</p>`;
    }
    return html`<p class="muted">Approvals, mentions and DMs reach this device even while the app is closed.</p>
      <button data-testid="push-toggle" ?disabled=${this._busy} @click=${this._togglePush}>
        ${push.subscribed ? 'Turn off push for this device' : 'Turn on push for this device'}</button>`;
  }

  _permissionText() {
    const permission = globalThis.Notification?.permission;
    if (!permission) {
      return 'This browser has no desktop notifications.';
    }
    return permission === 'denied'
      ? 'The browser blocks notifications from this site: allow them in its site settings, then turn them on here.'
      : permission === 'granted' ? 'The browser allows notifications from this site.'
        : 'Turning them on asks the browser for permission.';
  }

  /** The browser's permission is asked here, in the click's own handling, as browsers require. */
  async _toggleDesktop(event) {
    const on = event.target.checked;
    if (on && globalThis.Notification && Notification.permission === 'default') {
      await Notification.requestPermission();
    }
    if (on && globalThis.Notification?.permission !== 'granted') {
      event.target.checked = false;
      this._status = 'Desktop notifications stay off: the browser did not allow them.';
      return;
    }
    await this._save({ desktop: on });
  }

  async _save(changes) {
    this._busy = true;
    try {
      await notificationPrefs.save(changes);
      this._status = 'Saved.';
    } catch (error) {
      this._status = `Not saved: ${error.message}`;
    } finally {
      this._busy = false;
    }
  }

  async _togglePush() {
    this._busy = true;
    try {
      if (this._push.subscribed) {
        await unsubscribePush();
        this._status = 'Push is off for this device.';
      } else {
        await subscribePush(this._push.publicKey);
        this._status = 'Push is on for this device.';
      }
      this._push = await pushStatus();
    } catch (error) {
      this._status = `Push could not change: ${error.message}`;
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('notification-settings', NotificationSettings);
