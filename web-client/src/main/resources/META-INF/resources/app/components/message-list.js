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
 * One message is a Tab stop (the newest, or the last one the keyboard was on); ↑/↓, Home and End
 * move between messages, so Tab passes the list in one press and the actions of any message are
 * reachable. A divider marks the first message after what the person had read ("new since").
 */
export class MessageList extends LitElement {
  static properties = {
    channel: {},
    messages: { attribute: false },
    hasMore: { type: Boolean },
    // the seq the person had read when the channel opened (undefined: no divider)
    newSince: { type: Number },
    // the message a deep link opened: marked until another channel opens
    linked: {},
    _newBelow: { state: true },
    _focusId: { state: true },
  };

  static styles = [base, css`
    :host { display: block; position: relative; }
    .scroller { height: 100%; overflow-y: auto; overflow-anchor: none; padding: 8px 0 4px; }
    .start { padding: 24px 16px 8px; color: var(--text-muted); }
    .start h2 { margin: 0 0 4px; color: var(--text-strong); }
    .loading { text-align: center; padding: 8px; color: var(--text-muted); font-size: 13px; }
    .new-since { display: flex; align-items: center; gap: 8px; margin: 12px 16px 0; color: var(--new-since); font-size: 12px; font-weight: 700; }
    .new-since::before, .new-since::after { content: ''; flex: 1; border-top: 1px solid var(--new-since); }
    .pill { position: absolute; bottom: 10px; left: 50%; transform: translateX(-50%); background: var(--accent); color: var(--on-accent); border-radius: 16px; padding: 6px 14px; box-shadow: 0 4px 12px var(--shadow); }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.editing }).store;
    this.messages = [];
    this._atBottom = true;
  }

  render() {
    const messages = this.messages ?? [];
    const divider = this._dividerBefore(messages);
    const focusId = messages.some((m) => m.message_id === this._focusId) ? this._focusId
      : messages.filter((m) => m.message_id).at(-1)?.message_id;
    return html`
      <div class="scroller" role="region" aria-label="Messages in ${channelLabel(this.channel ?? '')}" @scroll=${this._onScroll} @keydown=${this._key}
           @focusin=${this._focusIn}>
        ${this.hasMore
          ? html`<div class="loading">Loading older messages…</div>`
          : html`<div class="start"><h2>Welcome to ${channelLabel(this.channel ?? '')}</h2>This is the start of the channel.</div>`}
        ${repeat(messages, (m) => m.message_id ?? m.local_id, (m, i) => html`
          ${m === divider ? html`<div class="new-since" role="separator" data-testid="new-since">New</div>` : ''}
          <message-item .message=${m} .compact=${m !== divider && this._continues(messages[i - 1], m)}
                        .focusable=${m.message_id === focusId} .linked=${Boolean(m.message_id) && m.message_id === this.linked}
                        .editing=${Boolean(m.message_id) && this.store.editing === m.message_id}
                        data-id=${m.message_id ?? m.local_id}></message-item>`)}
      </div>
      ${this._newBelow ? html`<button class="pill" @click=${this._toBottom}>New messages ↓</button>` : ''}
    `;
  }

  willUpdate(changed) {
    const scroller = this._scroller;
    if (scroller && changed.has('messages')) {
      const old = changed.get('messages');
      this._before = { first: old?.[0], last: old?.at(-1) };
      if (!this._atBottom) {
        // reading where the list is scrolled lays the page out there and then: only when that place is to be kept
        Object.assign(this._before, { height: scroller.scrollHeight, top: scroller.scrollTop });
      }
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
    if (this.hasMore) {
      // a list shorter than its pane can't be scrolled up to load more: load it now (measured in the next frame, see _stickToBottom)
      requestAnimationFrame(() => {
        if (this.hasMore && scroller.scrollHeight <= scroller.clientHeight) {
          this.store.loadOlder(this.channel);
        }
      });
    }
  }

  /** Scrolls a message into view and flashes it; with `focus`, the keyboard goes there too. */
  reveal(messageId, { focus = false } = {}) {
    const item = this._item(messageId);
    if (item) {
      this._atBottom = false;
      this._pinRun = null;
      item.scrollIntoView({ block: 'center' });
      // the items around it render at their real height only now: centre it again once they have
      requestAnimationFrame(() => requestAnimationFrame(() => item.scrollIntoView({ block: 'center' })));
      item.flash();
      if (focus) {
        this._focusId = messageId;
        item.updateComplete.then(() => item.focus());
      }
    }
    return Boolean(item);
  }

  _item(messageId) {
    return this.renderRoot.querySelector(`message-item[data-id="${CSS.escape(messageId)}"]`);
  }

  /**
   * The first message after the marker that is not the person's own, once the newest read one is
   * loaded too (or the channel's start): above a page that starts mid-unread it would claim that
   * nothing before it was new.
   */
  _dividerBefore(messages) {
    const marker = this.newSince;
    if (marker === undefined || marker === null || (this.hasMore && !messages.some((m) => m.seq && m.seq <= marker))) {
      return null;
    }
    const me = this.store.user?.username;
    return messages.find((m) => m.seq > marker && !(m.author_type === 'user' && m.author_id === me)) ?? null;
  }

  _focusIn(event) {
    const item = event.composedPath().find((node) => node.localName === 'message-item');
    if (item?.message?.message_id) {
      this._focusId = item.message.message_id;
    }
  }

  /** ↑/↓ (Home/End) from a focused message, not from a text box inside one (an edit). */
  _key(event) {
    const keys = { ArrowUp: -1, ArrowDown: 1, Home: -Infinity, End: Infinity };
    const origin = event.composedPath()[0];
    if (!(event.key in keys) || event.altKey || event.ctrlKey || event.metaKey || origin?.localName !== 'article') {
      return;
    }
    const ids = (this.messages ?? []).filter((m) => m.message_id).map((m) => m.message_id);
    const at = ids.indexOf(this._focusId);
    const next = ids[Math.max(0, Math.min(ids.length - 1, at + keys[event.key]))];
    if (next && next !== this._focusId) {
      event.preventDefault();
      this._focusId = next;
      const item = this._item(next);
      item?.updateComplete.then(() => { item.focus(); item.scrollIntoView({ block: 'nearest' }); });
    }
  }

  get _scroller() {
    return this.renderRoot?.querySelector('.scroller');
  }

  /**
   * Items off screen are laid out at an estimated height until the browser renders them, so the
   * bottom moves as they appear: follow it for a few frames, and don't take that for the person scrolling.
   * From the next frame on, not at once: reading the height here would lay the page out in the middle
   * of rendering it (the first render's longest part), and the frame lays it out anyway before it paints.
   */
  _stickToBottom() {
    const scroller = this._scroller;
    const run = {};
    this._pinRun = run; // a later run, or a reveal, takes over from this one
    let frames = 4;
    const follow = () => {
      if (this._pinRun !== run) {
        return;
      }
      scroller.scrollTop = scroller.scrollHeight;
      if (--frames > 0) {
        requestAnimationFrame(follow);
      } else {
        this._pinRun = null;
        this._atBottom = true;
      }
    };
    requestAnimationFrame(follow);
  }

  _onScroll() {
    if (this._pinRun) {
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
