import { LitElement, html, css } from 'lit';
import { base } from '../styles/base-styles.js';
import { loadViews } from '../services/later-modules.js';
import { viewFor } from '../services/views.js';
import { StoreController } from '../state/store-controller.js';

/**
 * The main pane when it shows a view (#/v/<id>) instead of a channel: a heading that takes the
 * focus when the view opens (a screen reader hears where it is), then the view's own component.
 */
export class MainView extends LitElement {
  static properties = {
    view: { type: String },
    part: { type: String },
  };

  static styles = [base, css`
    :host { display: flex; flex-direction: column; min-height: 0; }
    header { display: flex; align-items: center; gap: 8px; padding: 10px 16px; border-bottom: 1px solid var(--bg-deep); min-height: 48px; }
    h1 { font-size: 16px; margin: 0; color: var(--text-strong); outline: none; }
    /* the page's main landmark (the conversation's is chat-app's <main>), laid out as if it weren't there */
    main { display: contents; }
    .body { flex: 1; min-height: 0; overflow-y: auto; }
    .menu { display: none; }
    @media (max-width: 900px) { .menu { display: inline-flex; } }
  `];

  constructor() {
    super();
    this.store = new StoreController(this).store;
  }

  willUpdate() {
    if (this.view) {
      loadViews().catch(() => {}); // the view's element shows itself once its module is here; asked again on the next update
    }
  }

  render() {
    const view = viewFor(this.store.user, this.view);
    if (!view) {
      return html`<main><header><h1 tabindex="-1">Not here</h1></header>
        <p class="body muted">No view ${this.view} that you may open.</p></main>`;
    }
    return html`<main>
      <connection-banner></connection-banner>
      <header>
        <button class="icon menu" aria-label="Channels" @click=${() => this._fire('toggle-left')}>☰</button>
        <h1 tabindex="-1" data-testid="view-title">${view.label}</h1>
      </header>
      <div class="body">${this._renderView(view.id)}</div>
    </main>`;
  }

  // one line per view: each view is its own component, given what the address names after it
  _renderView(id) {
    switch (id) {
      case 'settings': return html`<settings-view></settings-view>`;
      case 'admin': return html`<admin-view></admin-view>`;
      case 'projects': return html`<projects-view></projects-view>`;
      case 'sprint': return html`<sprint-board .project=${this.part}></sprint-board>`;
      case 'agents': return html`<agents-view></agents-view>`;
      case 'inbox': return html`<approval-inbox .part=${this.part}></approval-inbox>`;
      default: return '';
    }
  }

  /** Moves the keyboard to the view's heading. */
  async focus() {
    await this.updateComplete;
    this.renderRoot.querySelector('h1')?.focus();
  }

  _fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
customElements.define('main-view', MainView);
