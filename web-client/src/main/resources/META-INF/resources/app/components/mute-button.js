import { LitElement, html, css } from 'lit';
import { appStore } from '../state/app-store.js';
import { notificationPrefs } from '../state/notification-prefs.js';
import { base } from '../styles/base-styles.js';

/** Mutes or unmutes a channel's notifications (a mention of the person there still notifies). */
export class MuteButton extends LitElement {
  static properties = { channel: {} };
  static styles = [base, css`@media (pointer: coarse) { button { min-width: 44px; min-height: 44px; } }`];

  connectedCallback() {
    super.connectedCallback();
    this._changed = () => this.requestUpdate();
    notificationPrefs.addEventListener('change', this._changed);
  }

  disconnectedCallback() {
    notificationPrefs.removeEventListener('change', this._changed);
    super.disconnectedCallback();
  }

  render() {
    const muted = notificationPrefs.isMuted(this.channel);
    const label = muted ? 'Unmute this channel' : 'Mute this channel (mentions of you still notify)';
    return html`<button class="icon" data-testid="mute" aria-pressed=${muted ? 'true' : 'false'} title=${label}
        aria-label="Mute this channel" @click=${this._toggle}>${muted ? '🔕' : '🔔'}</button>`;
  }

  async _toggle() {
    try {
      await notificationPrefs.setMuted(this.channel, !notificationPrefs.isMuted(this.channel));
    } catch (error) {
      appStore().notify(`Could not change this channel's notifications: ${error.message}`);
    }
  }
}
customElements.define('mute-button', MuteButton);
