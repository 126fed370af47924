import { LitElement, html, css } from 'lit';

/**
 * The composer's suggestions (commands, emoji, people and agents): a listbox whose active option the
 * text box names by aria-activedescendant. Rendered into the composer's own shadow root (no shadow
 * root of its own), since an id can't be referred to across shadow roots; its looks are `suggestionStyles`.
 */
export class SuggestionList extends LitElement {
  static properties = {
    items: { attribute: false },
    active: { type: Number },
    label: {},
  };

  createRenderRoot() {
    return this;
  }

  render() {
    const items = this.items ?? [];
    return html`<div class="suggestions" role="listbox" id="suggestions" aria-label=${this.label ?? 'Suggestions'}
                     data-testid="suggestions">${items.map((s, i) => html`
      <div class="suggestion ${i === this.active ? 'active' : ''}" role="option" id=${`suggestion-${i}`}
           aria-selected=${i === this.active ? 'true' : 'false'}
           @mousedown=${(e) => { e.preventDefault(); this._pick(i); }}>
        ${s.emoji ? html`<span class="emoji" aria-hidden="true">${s.emoji}</span>` : ''}
        <b>${s.text}</b><span class="muted">${s.description ?? ''}</span>
        ${s.usage ? html`<span class="usage">${s.usage}</span>` : ''}
      </div>`)}</div>`;
  }

  _pick(index) {
    this.dispatchEvent(new CustomEvent('pick', { detail: index }));
  }
}
customElements.define('suggestion-list', SuggestionList);

export const suggestionStyles = css`
  suggestion-list { display: block; }
  .suggestions { position: absolute; bottom: 100%; left: 0; right: 0; margin-bottom: 6px; background: var(--bg-side); border-radius: 8px; box-shadow: 0 4px 16px var(--shadow); overflow: hidden; z-index: 10; }
  .suggestion { display: grid; grid-template-columns: auto auto 1fr; column-gap: 12px; padding: 8px 12px; cursor: pointer; align-items: baseline; }
  .suggestion:not(:has(.emoji)) { grid-template-columns: auto 1fr; }
  .suggestion.active, .suggestion:hover { background: var(--bg-hover); }
  .suggestion b { color: var(--text-strong); }
  .suggestion .emoji { font-size: 18px; }
  .suggestion .usage { font-family: var(--mono); font-size: 12px; color: var(--text-muted); grid-column: 2; }
  @media (pointer: coarse) { .suggestion { min-height: 44px; box-sizing: border-box; } }
`;
