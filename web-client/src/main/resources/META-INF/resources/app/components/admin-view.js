import { LitElement, html, css } from 'lit';
import { base } from '../styles/base-styles.js';
import { adminStyles } from '../styles/admin-styles.js';
import './admin-users.js';
import './admin-channels.js';
import './admin-projects.js';
import './admin-hooks.js';

/** Administration (#/v/admin, admins only): people, channels, and projects with their channels. */
export class AdminView extends LitElement {
  static styles = [base, adminStyles, css`
    :host { padding: 16px; max-width: 960px; }
    section { margin-bottom: 32px; }
  `];

  render() {
    return html`
      <section aria-labelledby="people"><h2 id="people">People</h2><admin-users></admin-users></section>
      <section aria-labelledby="agent-keys"><h2 id="agent-keys">Agent keys</h2><admin-agent-keys></admin-agent-keys></section>
      <section aria-labelledby="channels"><h2 id="channels">Channels</h2><admin-channels></admin-channels></section>
      <section aria-labelledby="projects"><h2 id="projects">Projects</h2><admin-projects></admin-projects></section>
      <section aria-labelledby="hooks"><h2 id="hooks">Hooks</h2><admin-hooks></admin-hooks></section>
    `;
  }
}
customElements.define('admin-view', AdminView);
