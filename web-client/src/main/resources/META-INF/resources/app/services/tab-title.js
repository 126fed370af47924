// The tab's title carries what must not be missed while the person is elsewhere: how many
// approvals wait, and how many of those are in the last 20% of their lifetime:
// "(1 expiring) (3) Workflow Chat". Kept apart so anything else that titles the page calls
// `titled(base)` for its own part and the count stays in front.
import { expiresSoon } from './approval-text.js';

let baseTitle = globalThis.document?.title || 'Workflow Chat';
let store = null;

/** The title for `pending` requests now: the count, and "N expiring" in front when some are about to. */
export function tabTitle(pending, base = baseTitle, now = Date.now()) {
  const expiring = pending.filter((a) => expiresSoon(a, now)).length;
  const count = pending.length ? `(${pending.length}) ` : '';
  return `${expiring ? `(${expiring} expiring) ` : ''}${count}${base}`;
}

/** Sets what the title says after the counts (e.g. the open channel's name). */
export function titled(base) {
  baseTitle = base || 'Workflow Chat';
  refresh();
}

function refresh() {
  if (store && globalThis.document) {
    const title = tabTitle(store.pendingApprovals(), baseTitle);
    if (document.title !== title) {
      document.title = title;
    }
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
