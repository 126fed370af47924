// The tab's title says when approvals are about to expire (the last 20% of their lifetime), in
// front of the count of what waits (state/attention.js): "(1 expiring) (3) Workflow Chat". Both are
// parts of services/page-title.js, which composes the title.
import { expiresSoon } from './approval-text.js';
import { setTitlePart } from './page-title.js';

let store = null;

/** The title's part for `pending` requests now: "(N expiring)", or null when none is about to. */
export function expiringPart(pending, now = Date.now()) {
  const expiring = pending.filter((a) => expiresSoon(a, now)).length;
  return expiring ? `(${expiring} expiring)` : null;
}

function refresh() {
  if (store) {
    setTitlePart('expiring', expiringPart(store.pendingApprovals()), { order: -1 });
  }
}

/** Follows the store's pending approvals, and the clock (a request turns urgent with no frame). */
export function watchTabTitle(chatStore) {
  if (store) {
    return;
  }
  store = chatStore;
  store.subscribe(refresh);
  setInterval(refresh, 1000);
  refresh();
}
