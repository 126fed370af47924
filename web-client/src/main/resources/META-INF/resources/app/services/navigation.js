// The page's place follows its address: a channel link or back/forward (hashchange) opens the
// channel, a message link (#/c/general/m/<id>) opens it at that message, loading history back to
// it when needed; a view's link (#/v/inbox) shows that view in the main pane. Whatever else opens a channel (the server's first ready, a reconnect) is written
// back to the address without a new history entry.
import { api } from './api.js';
import { dmParts } from './channel-names.js';
import { channelHref, navigate, parseRoute, parseView, replaceRoute, viewHref } from './routes.js';

// How far back a message link may reach: 50 pages of 200.
const MAX_PAGES_BACK = 50;

export class Navigation {
  /** `host` gives: store, openThread(id), revealMessage(id), focusComposer(), setLinked(id, channel), showView(view, part). */
  constructor(host) {
    this.host = host;
    this._onHash = () => this.follow();
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('hashchange', this._onHash);
  }

  hostDisconnected() {
    window.removeEventListener('hashchange', this._onHash);
  }

  /** The channel a link names, to open when the page loads on it. */
  get landing() {
    return parseRoute()?.channel ?? null;
  }

  /** Whether the address names something to open (a channel, a message or a view). */
  get linked() {
    return Boolean(parseRoute() || parseView());
  }

  /** Goes to a channel (a new history entry); the hashchange opens it. */
  toChannel(name) {
    navigate(channelHref(name));
  }

  /** Goes to a view of the main pane (#/v/<view>[/<part>]). */
  toView(view, part) {
    navigate(viewHref(view, part));
  }

  /** Goes to a message (search results, pins); the same link again opens it again. */
  toMessage(href) {
    if (location.hash === href) {
      this.follow();
    } else {
      navigate(href);
    }
  }

  /** Writes the open channel into the address when something other than a link opened it. */
  sync() {
    // a link just clicked has changed the address and its hashchange is still on its way: writing
    // the open channel back now would undo the click (frames re-render the page all the time)
    if (this._followed !== undefined && location.hash !== this._followed) {
      return;
    }
    const current = this.host.store.current;
    if (current && !parseView() && parseRoute()?.channel !== current) {
      replaceRoute(channelHref(current));
    }
    this._followed = location.hash;
  }

  /** Opens what the address names. */
  async follow() {
    this._followed = location.hash;
    const view = parseView();
    if (view) {
      this.host.showView(view.view, view.part);
      return;
    }
    const route = parseRoute();
    const store = this.host.store;
    if (!route) {
      return;
    }
    this.host.showView(null);
    if (!store.channel(route.channel) && dmParts(route.channel)?.person !== store.user?.username) {
      store.notify(`No channel ${route.channel} that you may read.`);
      replaceRoute(channelHref(store.current));
      this._followed = location.hash;
      return;
    }
    this.host.setLinked(route.messageId, route.channel);
    const selected = store.selectChannel(route.channel);
    if (!route.messageId) {
      await this.host.focusComposer();
      return;
    }
    await selected;
    await this._openMessage(route.channel, route.messageId);
  }

  async _openMessage(channel, messageId) {
    const store = this.host.store;
    let message = store.message(messageId);
    if (!message) {
      try {
        const thread = await api.thread(messageId); // its root, or the root of the thread it is in
        message = thread.parent.message_id === messageId ? thread.parent
          : { message_id: messageId, channel: thread.parent.channel, thread_id: thread.parent.message_id };
      } catch {
        store.notify('That message is not there: deleted, or never in a channel you may read.');
        return;
      }
    }
    if (message.thread_id) {
      await this.host.openThread(message.thread_id);
      await this.host.revealMessage(messageId);
      return;
    }
    for (let i = 0; i < MAX_PAGES_BACK && !store.message(messageId) && store.hasMore(channel); i++) {
      await store.loadOlder(channel, { limit: 200 });
    }
    await this.host.revealMessage(messageId);
  }
}
