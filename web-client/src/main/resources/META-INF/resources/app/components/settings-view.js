import { LitElement, html, css } from 'lit';
import { base } from '../styles/base-styles.js';

/** The person's own settings, one section each: profile, notifications, appearance. */
export class SettingsView extends LitElement {
  static styles = [base, css`
    :host { display: block; padding: 16px; max-width: 720px; }
    section { margin-bottom: 24px; }
  `];

  render() {
    return html`
      <section aria-label="Profile"><profile-settings></profile-settings></section>
      <section aria-label="Notifications"><notification-settings></notification-settings></section>
      <section aria-label="Appearance"><appearance-settings></appearance-settings></section>
    `;
  }
}
customElements.define('settings-view', SettingsView);
