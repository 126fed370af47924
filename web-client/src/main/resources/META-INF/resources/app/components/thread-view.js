import { LitElement, html, css } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { base } from '../styles/base-styles.js';
import { StoreController } from '../state/store-controller.js';

/** A thread beside the conversation: the parent, its replies, and a composer for the thread. */
export class ThreadView extends LitElement {
  static properties = {
    parentId: {},
    parent: { attribute: false },
    replies: { attribute: false },
  };

  static styles = [base, css`
    :host { display: flex; flex-direction: column; }
    header { display: flex; align-items: center; padding: 12px 14px; border-bottom: 1px solid var(--bg-deep); font-weight: 700; color: var(--text-strong); }
    header span { flex: 1; }
    .list { flex: 1; overflow-y: auto; padding-bottom: 8px; }
    .count { padding: 6px 16px; font-size: 12px; color: var(--text-muted); border-bottom: 1px solid var(--bg-deep); }
    chat-composer { padding: 0 8px 8px; }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.editing }).store;
  }

  render() {
    const replies = this.replies ?? [];
    return html`
      <header><span>Thread</span><button class="icon" title="Close thread" @click=${this._close}>✕</button></header>
      <div class="list" data-testid="thread">
        ${this.parent ? html`<message-item .message=${this.parent} inThread></message-item>` : ''}
        <div class="count">${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</div>
        ${repeat(replies, (m) => m.message_id ?? m.local_id, (m) => html`
          <message-item .message=${m} inThread data-id=${m.message_id ?? m.local_id} .editing=${Boolean(m.message_id) && this.store.editing === m.message_id}></message-item>`)}
      </div>
      <chat-composer .channel=${this.parent?.channel} .threadId=${this.parentId}
                     placeholder="Reply in thread"></chat-composer>
    `;
  }

  updated() {
    const list = this.renderRoot.querySelector('.list');
    list.scrollTop = list.scrollHeight;
  }

  /** Scrolls a reply into view, flashes it and gives it the focus (a search result, a link to it). */
  async reveal(messageId) {
    await this.updateComplete;
    const item = this.renderRoot.querySelector(`message-item[data-id="${CSS.escape(messageId)}"]`);
    item?.scrollIntoView({ block: 'center' });
    item?.flash();
    await item?.updateComplete;
    item?.focus();
  }

  _close() {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }
}
customElements.define('thread-view', ThreadView);
