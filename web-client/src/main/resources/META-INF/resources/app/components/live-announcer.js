import { LitElement, html, css } from 'lit';
import { authorLabel, channelLabel } from '../services/format.js';
import { StoreController } from '../state/store-controller.js';

// At most one announcement this often: a busy channel read aloud message by message drowns a person.
const EVERY_MS = 2500;
const EXCERPT_CHARS = 140;

/**
 * A visually hidden live region that tells a screen reader of new messages in the open channel:
 * other people's and agents' (not the person's own, not thread replies), one at a time, or
 * "5 new messages in # general" when several came within the throttle's window.
 */
export class LiveAnnouncer extends LitElement {
  static properties = {
    _text: { state: true },
  };

  static styles = css`
    :host { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `;

  constructor() {
    super();
    this.store = new StoreController(this, { select: () => null }).store;
    this._pending = [];
    this._last = 0;
    this._onFrame = (event) => this._frame(event.detail);
    this._text = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.store.socket.addEventListener('frame', this._onFrame);
  }

  disconnectedCallback() {
    this.store.socket.removeEventListener('frame', this._onFrame);
    clearTimeout(this._timer);
    super.disconnectedCallback();
  }

  render() {
    return html`<div role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">${this._text}</div>`;
  }

  _frame(frame) {
    const message = frame.type === 'message.created' ? frame.message : null;
    const me = this.store.user?.username;
    if (!message || message.channel !== this.store.current || message.thread_id
        || (message.author_type === 'user' && message.author_id === me)) {
      return;
    }
    this._pending.push(message);
    if (!this._timer) {
      const wait = Math.max(0, this._last + EVERY_MS - Date.now());
      this._timer = setTimeout(() => this._announce(), wait);
    }
  }

  _announce() {
    this._timer = null;
    this._last = Date.now();
    const messages = this._pending.filter((m) => m.channel === this.store.current);
    this._pending = [];
    if (messages.length === 1) {
      const [m] = messages;
      const text = (m.content ?? '').replace(/\s+/g, ' ').trim();
      this._text = `${authorLabel(m)}: ${text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text}`;
    } else if (messages.length > 1) {
      this._text = `${messages.length} new messages in ${channelLabel(this.store.current)}`;
    }
  }
}
customElements.define('live-announcer', LiveAnnouncer);
