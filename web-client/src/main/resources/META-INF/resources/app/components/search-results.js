import { LitElement, html, css } from 'lit';
import { api } from '../services/api.js';
import { authorLabel, channelLabel, dateTime } from '../services/format.js';
import { highlightPlainCode } from '../services/markdown.js';
import { richExcerpt } from '../services/rich-excerpt.js';
import { messageHref } from '../services/routes.js';
import { base } from '../styles/base-styles.js';
import { markdown } from '../styles/markdown-styles.js';

/**
 * Search results as the messages read (Markdown, sanitised as in the conversation) with the matched
 * words marked; a click, or the result's link, opens the message in its channel.
 */
export class SearchResults extends LitElement {
  static properties = {
    query: {},
    channel: {},
    _results: { state: true },
    _error: { state: true },
  };

  static styles = [base, markdown, css`
    :host { display: flex; flex-direction: column; }
    header { display: flex; align-items: center; padding: 12px 14px; border-bottom: 1px solid var(--bg-deep); }
    header span { flex: 1; font-weight: 700; color: var(--text-strong); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .list { flex: 1; overflow-y: auto; padding: 8px; }
    .result { padding: 8px; border-radius: var(--radius); cursor: pointer; background: var(--bg); margin-bottom: 6px; }
    .result:hover { background: var(--bg-hover); }
    .meta { display: block; font-size: 12px; color: var(--text-muted); margin-bottom: 2px; text-decoration: none; }
    .meta:hover { text-decoration: underline; }
    .md { font-size: 14px; }
    @media (pointer: coarse) { .meta { display: flex; align-items: center; min-height: 44px; } }
    mark { background: rgba(240, 178, 50, 0.45); color: var(--mark-text); border-radius: 2px; }
  `];

  willUpdate(changed) {
    if (changed.has('query') || changed.has('channel')) {
      this._load();
    }
  }

  updated() {
    highlightPlainCode(this.renderRoot).catch(() => {}); // code shown before highlight.js came: highlighted now
  }

  render() {
    return html`
      <header><span>Results for “${this.query}”</span>
        <button class="icon" title="Close search" @click=${this._close}>✕</button></header>
      <div class="list" data-testid="search-results">
        ${this._error ? html`<div class="muted">${this._error}</div>` : ''}
        ${!this._results ? html`<div class="muted">Searching…</div>` : ''}
        ${this._results?.length === 0 ? html`<div class="muted">Nothing found.</div>` : ''}
        ${(this._results ?? []).map((m) => html`<div class="result" data-testid="search-result" @click=${(e) => this._open(e, m)}>
          <a class="meta" href=${messageHref(m.channel, m.message_id)}>${channelLabel(m.channel)} · ${authorLabel(m)} · ${dateTime(m.created_at)}</a>
          <div class="md">${richExcerpt(m.content, this.query)}</div>
        </div>`)}
      </div>
    `;
  }

  async _load() {
    this._results = null;
    this._error = '';
    try {
      this._results = await api.search(this.query, this.channel);
    } catch (error) {
      this._results = [];
      this._error = error.message;
    }
  }

  /** Anywhere on a result but a link of its text (those open where they point) opens the message. */
  _open(event, message) {
    const link = event.composedPath().find((node) => node.localName === 'a');
    if (link && !link.classList.contains('meta')) {
      return;
    }
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('open-message', { detail: message, bubbles: true, composed: true }));
  }

  _close() {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }
}

customElements.define('search-results', SearchResults);
