import { LitElement, html, css } from 'lit';
import { base } from '../styles/base-styles.js';
import { StoreController } from '../state/store-controller.js';
import { THEMES, chooseTheme, themeChoice } from '../services/theme.js';

const LABELS = { dark: 'Dark', light: 'Light', system: 'System (follows this device)' };

/** The person's theme: dark, light or the system's; kept in this browser for them, applied at once. */
export class AppearanceSettings extends LitElement {
  static properties = { _choice: { state: true } };

  static styles = [base, css`
    :host { display: block; }
    h2 { font-size: 16px; color: var(--text-strong); margin: 0 0 8px; }
    fieldset { border: 1px solid var(--border); border-radius: var(--radius); padding: 8px 12px; margin: 0; }
    legend { padding: 0 4px; color: var(--text-muted); }
    label { display: flex; align-items: center; gap: 8px; padding: 6px 0; cursor: pointer; }
    input[type=radio] { accent-color: var(--accent); margin: 0; width: 16px; height: 16px; }
    @media (pointer: coarse) { label { min-height: 44px; } }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
  }

  render() {
    const username = this.store.user?.username;
    const choice = this._choice ?? (username ? themeChoice(username) : 'dark');
    return html`
      <h2>Appearance</h2>
      <fieldset>
        <legend>Theme</legend>
        ${THEMES.map((theme) => html`<label>
          <input type="radio" name="theme" value=${theme} data-testid=${`theme-${theme}`} .checked=${choice === theme}
                 ?disabled=${!username} @change=${() => this._choose(theme)}>${LABELS[theme]}</label>`)}
      </fieldset>
    `;
  }

  _choose(theme) {
    this._choice = theme;
    chooseTheme(this.store.user.username, theme);
  }
}
customElements.define('appearance-settings', AppearanceSettings);
