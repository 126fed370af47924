// The right-hand pane of the chat: the context panel, or over it a thread or search results, one
// at a time, each closed by Escape (panels.js), its close button or the other opening. On a phone
// the pane is a drawer, `open` when drawn out.
import { panelOpened } from './panels.js';

export class RightPane {
  constructor(host) {
    this.host = host;
    this.thread = null; // the id of the message whose thread is shown
    this.search = null; // {query, channel}
    this.open = false;
    host.addController(this);
  }

  hostDisconnected() {
    this.closeThread();
    this.closeSearch();
  }

  showThread(messageId) {
    this.closeSearch();
    this.closeThread();
    this.thread = messageId;
    this._unregisterThread = panelOpened(() => this.closeThread());
    this.setOpen(true);
  }

  closeThread() {
    this._unregisterThread?.();
    this._unregisterThread = null;
    this._change(() => { this.thread = null; });
  }

  showSearch(search) {
    this.closeThread();
    this.closeSearch();
    this.search = search;
    this._unregisterSearch = panelOpened(() => this.closeSearch());
    this.setOpen(true);
  }

  closeSearch() {
    this._unregisterSearch?.();
    this._unregisterSearch = null;
    this._change(() => { this.search = null; });
  }

  setOpen(open) {
    this._change(() => { this.open = open; });
  }

  _change(apply) {
    apply();
    this.host.requestUpdate();
  }
}
