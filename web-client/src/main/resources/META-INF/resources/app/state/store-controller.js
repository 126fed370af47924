// How a component reaches the store: a Lit reactive controller that follows the store while the
// component is in the page (subscribed when connected, unsubscribed when disconnected) and renders
// it again when what it shows changed.
import { appStore } from './app-store.js';

export class StoreController {
  /**
   * `select` picks what the host shows of the store: it is rendered again only when that changes
   * (compared by identity). Without it, every change of the store renders it again. `store` is the
   * page's unless another is given (a test's).
   */
  constructor(host, { select = null, store = appStore() } = {}) {
    this.host = host;
    this.store = store;
    this._select = select;
    this._unsubscribe = null;
    host.addController(this);
  }

  hostConnected() {
    this._unsubscribe = this.store.subscribe(() => this._changed());
    this._changed(); // back in the page: what changed while it was away (the first time, it renders anyway)
  }

  hostDisconnected() {
    this._unsubscribe?.();
    this._unsubscribe = null;
  }

  _changed() {
    if (this._select) {
      const selected = this._select(this.store);
      if (Object.is(selected, this._selected)) {
        return;
      }
      this._selected = selected;
    }
    this.host.requestUpdate();
  }
}
