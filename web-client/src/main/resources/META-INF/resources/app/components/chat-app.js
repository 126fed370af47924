import { LitElement, html, css } from 'lit';
import { api } from '../services/api.js';
import { KeyboardShortcuts } from '../services/keyboard-shortcuts.js';
import { Navigation } from '../services/navigation.js';
import { deepFocus } from '../services/panels.js';
import { RightPane } from '../services/right-pane.js';
import { typingText } from '../services/format.js';
import { messageHref } from '../services/routes.js';
import { watchTabTitle } from '../services/tab-title.js';
import { loadChatLayout, loadViews, nextTask, whenIdle } from '../services/later-modules.js';
import { neighbour } from '../state/channel-order.js';
import { StoreController } from '../state/store-controller.js';
import { base } from '../styles/base-styles.js';

/** Where the channels and the right pane are drawers (the layout's media query below). */
const NARROW = matchMedia('(max-width: 900px)');

/** The whole app: login, then three panes (channels, conversation, context) over one store. */
export class ChatApp extends LitElement {
  static properties = {
    _phase: { state: true },
    _leftOpen: { state: true },
    _linked: { state: true },
    _view: { state: true },
    _viewPart: { state: true },
    _settled: { state: true },
    _leftSettled: { state: true },
  };

  static styles = [base, css`
    :host { display: block; height: 100%; }
    .loading { display: grid; place-items: center; height: 100%; color: var(--text-muted); }
    .layout { display: grid; grid-template-columns: 240px minmax(0, 1fr) 320px; height: 100%; }
    channel-sidebar { background: var(--bg-side); min-height: 0; }
    main { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
    message-list { flex: 1; min-height: 0; }
    .right { background: var(--bg-side); border-left: 1px solid var(--bg-deep); min-height: 0; display: flex; flex-direction: column; }
    .right > * { flex: 1; min-height: 0; }
    .read-only { margin: 0 16px 16px; padding: 10px 12px; border-radius: 8px; background: var(--bg-input); color: var(--text-muted); font-size: 14px; }
    .typing { height: 20px; padding: 0 16px; font-size: 12px; color: var(--text-muted); }
    .notices { position: fixed; bottom: 90px; left: 50%; transform: translateX(-50%); display: grid; gap: 6px; z-index: 20; }
    .notice { background: var(--danger); color: var(--on-accent); padding: 8px 14px; border-radius: var(--radius); box-shadow: 0 4px 12px var(--shadow); }
    .scrim { display: none; }
    @media (max-width: 900px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
      channel-sidebar, .right { position: fixed; top: 0; bottom: 0; z-index: 10; width: min(85vw, 320px); transition: transform 0.2s; }
      channel-sidebar { left: 0; transform: translateX(-100%); }
      .right { right: 0; transform: translateX(100%); }
      .left-open channel-sidebar, .right-open .right { transform: none; }
      .left-open .scrim, .right-open .scrim { display: block; position: fixed; inset: 0; background: var(--scrim); z-index: 5; }
    }
  `];

  constructor() {
    super();
    this._phase = 'loading';
    this.store = new StoreController(this).store;
    this.store.addEventListener('signed-out', () => { this._phase = 'login'; });
    this.navigation = new Navigation(this);
    this.right = new RightPane(this);
    watchTabTitle(this.store); // "(1 expiring) (3) Workflow Chat"
    this._shortcuts = new KeyboardShortcuts(this, {
      quickSwitcher: () => this._phase === 'chat' && this._openQuickSwitcher(deepFocus()),
      step: (direction, unreadOnly) => this._step(direction, unreadOnly),
    });
    // the first ready, not a reconnect's: the channels are known, so a link can be followed
    this.store.socket.addEventListener('frame', (event) => {
      if (event.detail.type === 'ready' && !event.detail.reconnected) {
        this._landed();
      }
    });
  }

  /** The page's one socket (the store's). */
  get socket() {
    return this.store.socket;
  }

  connectedCallback() {
    super.connectedCallback();
    // asked as a question answered 200 either way: a 401 for "nobody yet" would be an error on every first visit
    // the chat's components load while the session is asked for: a signed-in page needs them next
    const showLogin = () => {
      this._phase = 'login';
      whenIdle(() => loadChatLayout().catch(() => {})); // the chat then follows a sign-in at once
    };
    api.session().then((session) => (session?.signed_in ? this._signedIn(session.user) : showLogin())).catch(showLogin);
  }

  disconnectedCallback() {
    this.store.stop();
    super.disconnectedCallback();
  }

  render() {
    if (this._phase === 'loading') {
      return html`<div class="loading">Loading…</div>`;
    }
    if (this._phase === 'login') {
      return html`<login-view @signed-in=${(e) => this._signedIn(e.detail)}></login-view>`;
    }
    const store = this.store;
    return html`
      <div class="layout ${this._leftOpen ? 'left-open' : ''} ${this.right.open ? 'right-open' : ''}"
           @compose=${(e) => this._compose(e.detail)}>
        ${this._leftSettled || !NARROW.matches
          ? html`<channel-sidebar .view=${this._view} @sign-out=${this._signOut}></channel-sidebar>` : ''}
        ${this._view ? html`<main-view .view=${this._view} .part=${this._viewPart}
            @toggle-left=${() => { this._leftOpen = !this._leftOpen; }}></main-view>` : this._renderChat(store)}
        <aside class="right" aria-label="Context">${this._renderRight()}</aside>
        <div class="scrim" @click=${() => { this._leftOpen = false; this.right.setOpen(false); }}></div>
      </div>
      <div class="notices" role="alert">${store.notices.map((n) => html`<div class="notice">${n.text}</div>`)}</div>
      ${this._settled ? html`<quick-switcher @select-channel=${(e) => this.navigation.toChannel(e.detail)}></quick-switcher>` : ''}
      <live-announcer></live-announcer>
    `;
  }

  _renderChat(store) {
    const typing = store.typingIn();
    return html`
        <main @edit-done=${() => this.focusComposer()}>
          <connection-banner></connection-banner>
          <channel-header .channel=${store.channel()} .name=${store.current}
                          @search=${(e) => this.right.showSearch(e.detail)}
                          @open-message=${(e) => this._jump(e.detail)}
                          @toggle-left=${() => { this._leftOpen = !this._leftOpen; }}
                          @toggle-right=${() => this.right.setOpen(!this.right.open)}></channel-header>
          <message-list .channel=${store.current} .messages=${store.messages()} .newSince=${store.newSince()}
                        .linked=${this._linked} .hasMore=${store.hasMore()}
                        @open-thread=${(e) => this.openThread(e.detail)}></message-list>
          <div class="typing" aria-live="polite">${typingText(typing)}</div>
          ${store.isReadOnly() ? html`<p class="read-only" data-testid="read-only">Kept to be read: everyone wrote here
            before DMs were private. Write to an agent from its name under Agents.</p>`
            : html`<chat-composer .channel=${store.current}></chat-composer>`}
        </main>`;
  }

  willUpdate() {
    this._leftSettled ||= this._leftOpen; // a drawer drawn out once stays rendered
  }

  updated() {
    if (this._phase === 'chat' && this._landedOnce) {
      this.navigation.sync();
    }
  }

  _renderRight() {
    const { thread, search } = this.right;
    if (thread) {
      return html`<thread-view .parentId=${thread} .replies=${this.store.replies(thread)}
                               .parent=${this.store.message(thread)}
                               @close=${() => this.right.closeThread()}></thread-view>`;
    }
    if (search) {
      return html`<search-results .query=${search.query} .channel=${search.channel}
                                  @open-message=${(e) => this._jump(e.detail)}
                                  @close=${() => this.right.closeSearch()}></search-results>`;
    }
    // a phone's drawer is out of sight until drawn out: its panel waits for that, or for the browser's idle moments (so does the channels' drawer)
    return this._settled || this.right.open || !NARROW.matches ? html`<side-panel></side-panel>` : '';
  }

  async _openQuickSwitcher(returnTo) {
    this._settled = true;
    await this.updateComplete;
    this.renderRoot.querySelector('quick-switcher')?.open(returnTo);
  }

  async _signedIn(user) {
    try {
      await loadChatLayout();
    } catch (error) {
      await loadChatLayout(); // a module didn't arrive (the network went in between): one more try
    }
    await nextTask(); // the chat's first render in a task of its own, not in the one that evaluated its modules
    this._phase = 'chat';
    this.store.start(user, { channel: this.navigation.landing });
    // what the first paint doesn't show (a phone's hidden drawers, a closed dialog) is rendered when the browser is idle, in tasks of their own
    whenIdle(() => { this._leftSettled = true; });
    whenIdle(() => { this._settled = true; });
    whenIdle(() => loadViews().catch(() => {})); // opening a view is instant later; main-view asks again if this failed
  }

  /** The first ready came: open what the address names, or say in it where the page landed. */
  _landed() {
    this._landedOnce = true;
    if (this.navigation.linked) {
      this.navigation.follow();
    } else {
      this.navigation.sync();
      this.focusComposer();
    }
  }

  _step(direction, unreadOnly) {
    const name = this._phase === 'chat' ? neighbour(this.store, direction, { unreadOnly }) : null;
    if (name) {
      this.navigation.toChannel(name);
    }
  }

  /** The keyboard goes to the composer (after login, a channel switch, an edit); not on a touch screen, where it would open the on-screen keyboard. */
  async focusComposer() {
    this._leftOpen = false;
    await this.updateComplete;
    if (!matchMedia('(pointer: coarse)').matches) {
      this.renderRoot.querySelector('main chat-composer')?.focus();
    }
  }

  /** Shows a view in the main pane (null: the open channel's conversation again). */
  async showView(view, part = null) {
    const changed = view !== (this._view ?? null);
    this._view = view;
    this._viewPart = part;
    this._leftOpen = false;
    if (view && changed) {
      await this.updateComplete;
      this.renderRoot.querySelector('main-view')?.focus();
    }
  }

  /** A board's command (`text`, or `{text, channel}`) goes to a channel's composer, its conversation shown first. */
  async _compose(detail) {
    const { text, channel = this.store.current } = typeof detail === 'string' ? { text: detail } : detail;
    if (this._view || channel !== this.store.current) {
      const opened = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
      this.navigation.toChannel(channel);
      await opened; // the navigation's own listener, added first, has opened the channel by then
    }
    this.right.setOpen(false);
    await this.updateComplete;
    this.renderRoot.querySelector('main chat-composer')?.insert(text);
  }

  /** A link is being opened: the message it names is marked; another channel's thread closes. */
  setLinked(messageId, channel) {
    this._linked = messageId ?? null;
    this._leftOpen = false;
    this.right.setOpen(false); // on a phone the drawer (search results) would hide the message
    if (messageId || channel !== this.store.current) {
      this.right.closeThread();
    }
  }

  async revealMessage(messageId) {
    await this.updateComplete;
    const list = this.renderRoot.querySelector('message-list');
    await list?.updateComplete;
    if (!list?.reveal(messageId, { focus: true })) {
      await this.renderRoot.querySelector('thread-view')?.reveal(messageId); // a reply, in its thread
    }
  }

  async openThread(messageId) {
    this.right.showThread(messageId);
    try {
      await this.store.loadThread(messageId);
    } catch (error) {
      this.store.notify(`Could not open the thread: ${error.message}`);
    }
  }

  /** Opens a message from search or pins by its link, so back returns to where the person was. */
  _jump(message) {
    this.navigation.toMessage(messageHref(message.channel, message.message_id));
  }

  async _signOut() {
    this.store.stop();
    try {
      await api.logout();
    } finally {
      location.reload();
    }
  }
}
customElements.define('chat-app', ChatApp);
