import { LitElement, html, css } from 'lit';
import Picker from 'emoji-picker-element/picker.js';
import { EMOJI_DATA_SOURCE } from '../services/emoji.js';
import { currentTheme } from '../services/theme.js';

const MAX_SEARCH_CHARS = 64;

/**
 * The full emoji picker (emoji-picker-element: categories, search, skin tones, recently used), its
 * data from our server. Its search box takes the focus; a chosen emoji is announced as `emoji-chosen`
 * with the character. Whoever opens it registers it with panels.js, so Escape closes it.
 */
export class EmojiPanel extends LitElement {
  static styles = css`
    :host { display: block; }
    emoji-picker { --num-columns: 8; --emoji-size: 1.375rem; width: min(352px, calc(100vw - 32px)); height: 320px; }
    @media (pointer: coarse) { emoji-picker { --emoji-padding: 0.6rem; } }
  `;

  firstUpdated() {
    // made with its data source, not given it afterwards: the element starts loading once connected
    const picker = new Picker({ dataSource: EMOJI_DATA_SOURCE });
    picker.classList.add(currentTheme());
    picker.dataset.testid = 'emoji-picker';
    picker.addEventListener('emoji-click', (event) => {
      const emoji = event.detail?.unicode;
      if (emoji) {
        this.dispatchEvent(new CustomEvent('emoji-chosen', { detail: emoji, bubbles: true, composed: true }));
      }
    });
    this.renderRoot.append(picker);
    this._picker = picker;
    // no emoji's name is longer: a longer search (a paste of a page) is cut rather than run
    const search = picker.shadowRoot?.querySelector('input[type=search]');
    search?.setAttribute('maxlength', String(MAX_SEARCH_CHARS));
    requestAnimationFrame(() => this.focus());
  }

  /** The search box, where a person starts typing a name. */
  focus() {
    this._picker?.shadowRoot?.querySelector('input[type=search]')?.focus();
  }

  render() {
    return html``;
  }
}
customElements.define('emoji-panel', EmojiPanel);
