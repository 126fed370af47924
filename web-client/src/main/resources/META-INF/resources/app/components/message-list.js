import { LitElement, html, css } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { channelLabel } from '../services/format.js';
import { base } from '../styles/base-styles.js';
import { StoreController } from '../state/store-controller.js';

const GROUP_WITHIN_MS = 5 * 60 * 1000;
const NEAR_BOTTOM_PX = 80;

/**
 * The conversation. Sticks to the bottom while the person is there; otherwise shows a
 * "new messages" pill. Scrolling to the top loads older history. Off-screen items are not
 * rendered by the browser (content-visibility on each item), which keeps long channels smooth.
 */
export class MessageList extends LitElement {
  static properties = {
    channel: {},
    messages: { attribute: false },
    hasMore: { type: Boolean },
    _newBelow: { state: true },
  };

  static styles = [base, css`
    :host { display: block; position: relative; }
    .scroller { height: 100%; overflow-y: auto; overflow-anchor: none; padding: 8px 0 4px; }
    .start { padding: 24px 16px 8px; color: var(--text-muted); }
    .start h2 { margin: 0 0 4px; color: var(--text-strong); }
    .loading { text-align: center; padding: 8px; color: var(--text-muted); font-size: 13px; }
    .pill { position: absolute; bottom: 10px; left: 50%; transform: translateX(-50%); background: var(--accent); color: #fff; border-radius: 16px; padding: 6px 14px; box-shadow: 0 4px 12px #0008; }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.editing }).store;
    this.messages = [];
    this._atBottom = true;
  }

  render() {
    const messages = this.messages ?? [];
    return html`
      <div class="scroller" @scroll=${this._onScroll}>
        ${this.hasMore
          ? html`<div class="loading">Loading older messages…</div>`
          : html`<div class="start"><h2>Welcome to ${channelLabel(this.channel ?? '')}</h2>This is the start of the channel.</div>`}
        ${repeat(messages, (m) => m.message_id ?? m.local_id, (m, i) => html`
          <message-item .message=${m} .compact=${this._continues(messages[i - 1], m)}
                        .editing=${Boolean(m.message_id) && this.store.editing === m.message_id}
                        data-id=${m.message_id ?? m.local_id}></message-item>`)}
      </div>
      ${this._newBelow ? html`<button class="pill" @click=${this._toBottom}>New messages ↓</button>` : ''}
    `;
  }

  willUpdate(changed) {
    const scroller = this._scroller;
    if (scroller && changed.has('messages')) {
      this._before = { height: scroller.scrollHeight, top: scroller.scrollTop,
        first: changed.get('messages')?.[0], last: changed.get('messages')?.at(-1) };
    }
    if (changed.has('channel')) {
      this._atBottom = true;
      this._newBelow = false;
    }
  }

  updated(changed) {
    const scroller = this._scroller;
    if (!changed.has('messages') || !scroller) {
      return;
    }
    const before = this._before;
    const messages = this.messages ?? [];
    if (changed.has('channel') || this._atBottom) {
      this._stickToBottom();
    } else if (before && before.first && messages[0] !== before.first && messages.includes(before.first)) {
      // older messages were put above: keep what the person was reading in place
      scroller.scrollTop = before.top + (scroller.scrollHeight - before.height);
    } else if (before && messages.at(-1) !== before.last) {
      this._newBelow = true;
    }
    if (this.hasMore && scroller.scrollHeight <= scroller.clientHeight) {
      this.store.loadOlder(this.channel);
    }
  }

  /** Scrolls a message into view and flashes it. */
  reveal(messageId) {
    const item = this.renderRoot.querySelector(`message-item[data-id="${CSS.escape(messageId)}"]`);
    if (item) {
      this._atBottom = false;
      item.scrollIntoView({ block: 'center' });
      item.flash();
    }
  }

  get _scroller() {
    return this.renderRoot?.querySelector('.scroller');
  }

  /**
   * Items off screen are laid out at an estimated height until the browser renders them, so the
   * bottom moves as they appear: follow it for a few frames, and don't take that for the person scrolling.
   */
  _stickToBottom() {
    const scroller = this._scroller;
    this._pinning = (this._pinning ?? 0) + 1;
    let frames = 4;
    const follow = () => {
      scroller.scrollTop = scroller.scrollHeight;
      if (--frames > 0) {
        requestAnimationFrame(follow);
      } else {
        this._pinning -= 1;
        this._atBottom = true;
      }
    };
    follow();
  }

  _onScroll() {
    if (this._pinning) {
      return;
    }
    const scroller = this._scroller;
    this._atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
    if (this._atBottom) {
      this._newBelow = false;
      this.store.markRead(this.channel);
    }
    if (scroller.scrollTop < 200 && this.hasMore) {
      this.store.loadOlder(this.channel);
    }
  }

  _toBottom() {
    this._newBelow = false;
    this._stickToBottom();
  }

  _continues(previous, message) {
    return Boolean(previous && !previous.deleted_at && previous.author_id === message.author_id
      && previous.author_type === message.author_type && !message.metadata?.type && !previous.metadata?.type
      && new Date(message.created_at) - new Date(previous.created_at) < GROUP_WITHIN_MS);
  }
}
customElements.define('message-list', MessageList);
