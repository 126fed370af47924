import { LitElement, html, css } from 'lit';
import { api } from '../services/api.js';
import { authorLabel, channelLabel, time } from '../services/format.js';
import { panelOpened } from '../services/panels.js';
import { highlightPlainCode } from '../services/markdown.js';
import { richExcerpt } from '../services/rich-excerpt.js';
import { messageHref } from '../services/routes.js';
import { base } from '../styles/base-styles.js';
import { markdown } from '../styles/markdown-styles.js';
import { StoreController } from '../state/store-controller.js';

/** The conversation's header: name, description, pinned messages, search. */
export class ChannelHeader extends LitElement {
  static properties = {
    channel: { attribute: false },
    name: {},
    _pins: { state: true },
  };

  static styles = [base, markdown, css`
    :host { display: flex; align-items: center; gap: 12px; padding: 10px 16px; border-bottom: 1px solid var(--bg-deep); min-height: 52px; position: relative; }
    h1 { font-size: 16px; margin: 0; color: var(--text-strong); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
    button, mute-button { flex: none; }
    .project { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: var(--bg-deep); color: var(--text-strong); white-space: nowrap; }
    .description { flex: 1; color: var(--text-muted); font-size: 14px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    /* the search box gives way on a narrow screen: it never covers the buttons beside it */
    form { display: flex; flex: 0 1 180px; min-width: 0; }
    input { width: 100%; min-width: 0; padding: 4px 8px; }
    .toggle { display: none; }
    .pins { position: absolute; right: 16px; top: 50px; z-index: 15; width: min(420px, 90vw); max-height: 60vh; overflow-y: auto; background: var(--bg-side); border-radius: 8px; box-shadow: 0 8px 24px var(--shadow); padding: 8px; }
    .pin { padding: 8px; border-radius: 4px; cursor: pointer; }
    .pin:hover { background: var(--bg-hover); }
    .pin .meta { display: block; font-size: 12px; color: var(--text-muted); text-decoration: none; }
    .pin .meta:hover { text-decoration: underline; }
    .pin .md { font-size: 14px; }
    @media (pointer: coarse) { .pin .meta { display: flex; align-items: center; min-height: 44px; } .toggle { min-width: 44px; } }
    @media (max-width: 900px) { :host { gap: 6px; padding: 8px; } .toggle { display: inline-block; } .description, .project { display: none; } form { flex: 1 1 60px; } }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
  }

  render() {
    return html`
      <button class="icon toggle" title="Channels" @click=${() => this._fire('toggle-left')}>☰</button>
      <h1>${channelLabel(this.name ?? '')}</h1>
      ${this.channel?.project ? html`<span class="project" data-testid="channel-project"
        title="Commands typed here act on project ${this.channel.project}">📁 ${this.channel.project}</span>` : ''}
      <span class="description">${this.channel?.description ?? ''}</span>
      <mute-button .channel=${this.name}></mute-button>
      <button class="icon" title="Pinned messages" aria-label="Pinned messages" aria-expanded=${Boolean(this._pins)}
              data-testid="pins" @click=${this._togglePins}>📌</button>
      <form role="search" @submit=${this._search}>
        <input name="q" type="search" placeholder="Search" aria-label="Search messages" maxlength="200">
      </form>
      <button class="icon toggle" title="Context" @click=${() => this._fire('toggle-right')}>☷</button>
      ${this._pins ? this._renderPins() : ''}
    `;
  }

  updated(changed) {
    if (changed.has('name')) {
      this._closePins();
    }
    highlightPlainCode(this.renderRoot).catch(() => {}); // pins' code shown before highlight.js came
  }

  _renderPins() {
    return html`<div class="pins" role="dialog" aria-label="Pinned messages">
      ${this._pins.length === 0 ? html`<div class="muted">Nothing pinned in this channel yet.</div>` : ''}
      ${this._pins.map((m) => html`<div class="pin" data-testid="pin" @click=${(e) => this._openPin(e, m)}>
        <a class="meta" href=${messageHref(m.channel, m.message_id)}>${authorLabel(m)} · ${time(m.created_at)}</a>
        <div class="md">${richExcerpt(m.content)}</div>
      </div>`)}
    </div>`;
  }

  async _togglePins() {
    if (this._pins) {
      this._closePins();
      return;
    }
    try {
      this._pins = await api.pins(this.name);
      this._unregisterPins = panelOpened(() => {
        this._closePins();
        this.renderRoot.querySelector('[data-testid=pins]')?.focus();
      });
    } catch (error) {
      this.store.notify(`Could not load pins: ${error.message}`);
    }
  }

  /** Anywhere on a pin but a link of its text (those open where they point) opens the message. */
  _openPin(event, message) {
    const link = event.composedPath().find((node) => node.localName === 'a');
    if (link && !link.classList.contains('meta')) {
      return;
    }
    event.preventDefault();
    this._closePins();
    this._fire('open-message', message);
  }

  _closePins() {
    this._unregisterPins?.();
    this._unregisterPins = null;
    this._pins = null;
  }

  _search(event) {
    event.preventDefault();
    const query = new FormData(event.target).get('q').trim();
    if (query) {
      this._fire('search', { query, channel: null });
    }
  }

  _fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
customElements.define('channel-header', ChannelHeader);
