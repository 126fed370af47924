import { LitElement, html, css } from 'lit';
import { api } from '../services/api.js';
import { authorLabel, channelLabel, dateTime } from '../services/format.js';
import { base } from '../styles/base-styles.js';

/** Search results with the matched words marked; a click opens the message in its channel. */
export class SearchResults extends LitElement {
  static properties = {
    query: {},
    channel: {},
    _results: { state: true },
    _error: { state: true },
  };

  static styles = [base, css`
    :host { display: flex; flex-direction: column; }
    header { display: flex; align-items: center; padding: 12px 14px; border-bottom: 1px solid var(--bg-deep); }
    header span { flex: 1; font-weight: 700; color: var(--text-strong); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .list { flex: 1; overflow-y: auto; padding: 8px; }
    .result { padding: 8px; border-radius: var(--radius); cursor: pointer; background: var(--bg); margin-bottom: 6px; }
    .result:hover { background: var(--bg-hover); }
    .meta { font-size: 12px; color: var(--text-muted); margin-bottom: 2px; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14px; }
    mark { background: rgba(240, 178, 50, 0.45); color: var(--mark-text); border-radius: 2px; }
  `];

  willUpdate(changed) {
    if (changed.has('query') || changed.has('channel')) {
      this._load();
    }
  }

  render() {
    return html`
      <header><span>Results for “${this.query}”</span>
        <button class="icon" title="Close search" @click=${this._close}>✕</button></header>
      <div class="list" data-testid="search-results">
        ${this._error ? html`<div class="muted">${this._error}</div>` : ''}
        ${!this._results ? html`<div class="muted">Searching…</div>` : ''}
        ${this._results?.length === 0 ? html`<div class="muted">Nothing found.</div>` : ''}
        ${(this._results ?? []).map((m) => html`<div class="result" data-testid="search-result"
            @click=${() => this.dispatchEvent(new CustomEvent('open-message', { detail: m, bubbles: true, composed: true }))}>
          <div class="meta">${channelLabel(m.channel)} · ${authorLabel(m)} · ${dateTime(m.created_at)}</div>
          <div class="text">${highlightMatches(excerpt(m.content, this.query), this.query)}</div>
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

  _close() {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }
}

function words(query) {
  return query.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}_-]/gu, '')).filter((w) => w.length > 1);
}

function excerpt(content, query) {
  const text = content ?? '';
  if (text.length <= 300) {
    return text;
  }
  const first = words(query).map((w) => text.toLowerCase().indexOf(w.toLowerCase())).filter((i) => i >= 0);
  const start = Math.max(0, (first.length ? Math.min(...first) : 0) - 100);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 300)}…`;
}

/** The text as Lit parts with every match wrapped in mark: text stays text, never HTML. */
function highlightMatches(text, query) {
  const terms = words(query);
  if (!terms.length) {
    return text;
  }
  const pattern = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\w*`, 'giu');
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index), html`<mark>${match[0]}</mark>`);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
customElements.define('search-results', SearchResults);
