import { LitElement, html, css } from 'lit';
import { agentEmoji, channelLabel } from '../services/format.js';
import { fuzzyFilter } from '../services/fuzzy.js';
import { panelOpened } from '../services/panels.js';
import { base } from '../styles/base-styles.js';
import { sidebarSections } from '../state/channel-order.js';
import { StoreController } from '../state/store-controller.js';

const SHOWN = 12;

/**
 * Ctrl+K: a modal list of channels and DMs filtered as the person types (letters in order, see
 * fuzzy.js); ↑/↓ move, Enter fires `select-channel`, Escape closes and gives focus back.
 */
export class QuickSwitcher extends LitElement {
  static properties = {
    _query: { state: true },
    _active: { state: true },
  };

  static styles = [base, css`
    dialog { width: min(520px, 92vw); padding: 0; border: 0; border-radius: 8px; background: var(--bg-side); color: var(--text); box-shadow: 0 12px 40px var(--shadow); margin-top: 15vh; }
    dialog::backdrop { background: var(--scrim); }
    h2 { font-size: 14px; margin: 0; padding: 14px 16px 6px; color: var(--text-strong); }
    input { width: calc(100% - 32px); margin: 6px 16px 10px; font-size: 16px; }
    ul { list-style: none; margin: 0; padding: 0 8px 8px; max-height: 50vh; overflow-y: auto; }
    li { display: flex; gap: 8px; align-items: center; padding: 8px 10px; border-radius: 4px; cursor: pointer; }
    li[aria-selected=true] { background: var(--accent); color: var(--on-accent); }
    .kind { margin-left: auto; font-size: 12px; color: var(--text-muted); }
    li[aria-selected=true] .kind { color: var(--on-accent); }
    .hint { padding: 0 16px 12px; font-size: 12px; color: var(--text-muted); }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.channels }).store;
    this._query = '';
    this._active = 0;
  }

  get isOpen() {
    return Boolean(this.renderRoot?.querySelector('dialog')?.open);
  }

  /** Opens the switcher; focus returns to `returnTo` (what had it) when it closes without a choice. */
  async open(returnTo = null) {
    this._returnTo = returnTo;
    this._query = '';
    this._active = 0;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog.open) {
      dialog.showModal();
      this._unregister = panelOpened(() => this.close());
    }
    this.renderRoot.querySelector('input').focus();
  }

  close() {
    this.renderRoot.querySelector('dialog')?.close(); // the close event does the rest
  }

  render() {
    const items = this._items();
    const active = Math.min(this._active, Math.max(0, items.length - 1));
    return html`<dialog aria-labelledby="switcher-title" data-testid="quick-switcher" @close=${this._closed}>
      <h2 id="switcher-title">Go to a channel or DM</h2>
      <input role="combobox" aria-expanded="true" aria-controls="switcher-list" aria-autocomplete="list"
             aria-label="Channel or DM name" placeholder="Type to filter" autocomplete="off"
             aria-activedescendant=${items.length ? `switcher-${active}` : ''}
             .value=${this._query} @input=${(e) => { this._query = e.target.value; this._active = 0; }}
             @keydown=${(e) => this._key(e, items, active)}>
      <ul id="switcher-list" role="listbox" aria-label="Channels and DMs">${items.map((item, i) => html`
        <li id="switcher-${i}" role="option" aria-selected=${i === active} data-channel=${item.name}
            @mousedown=${(e) => { e.preventDefault(); this._choose(item); }}>${item.label}
          <span class="kind">${item.kind}</span></li>`)}</ul>
      ${items.length ? '' : html`<p class="hint" role="status">No channel or DM matches.</p>`}
    </dialog>`;
  }

  _items() {
    const { channels, agents, shared } = sidebarSections(this.store);
    const all = [
      ...channels.map((c) => ({ name: c.name, text: c.name, label: `# ${c.name}`, kind: 'channel' })),
      ...agents.map((a) => ({ name: a.name, text: `${a.agent} ${a.agent} agent dm`, label: `${agentEmoji(a.agent)} ${a.agent}`, kind: 'DM' })),
      ...shared.map((c) => ({ name: c.name, text: c.name, label: channelLabel(c.name), kind: 'shared DM' })),
    ];
    return fuzzyFilter(all, this._query, (item) => item.text).slice(0, SHOWN);
  }

  _key(event, items, active) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this._active = items.length ? (active + step + items.length) % items.length : 0;
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (items[active]) {
        this._choose(items[active]);
      }
    }
  }

  _choose(item) {
    this._returnTo = null; // the channel's composer takes the focus
    this.close();
    this.dispatchEvent(new CustomEvent('select-channel', { detail: item.name, bubbles: true, composed: true }));
  }

  _closed() {
    this._unregister?.();
    this._unregister = null;
    this._returnTo?.focus?.();
    this._returnTo = null;
  }
}
customElements.define('quick-switcher', QuickSwitcher);
