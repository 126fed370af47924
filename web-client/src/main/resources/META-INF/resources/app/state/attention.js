// What waits for the person, shown where they see it from another tab: the count in the tab's
// title ("(3) Workflow Chat") and on its icon, and desktop notifications (desktop-notifier.js).
// The count: unread messages of channels not muted, mentions of the person in muted ones, and the
// pending approvals the person can decide. Preferences are loaded when the person signs in.
import { showFaviconCount } from '../services/favicon-badge.js';
import { navigate } from '../services/routes.js';
import { setTitlePart } from '../services/page-title.js';
import { appStore } from './app-store.js';
import { DesktopNotifier } from './desktop-notifier.js';
import { notificationPrefs } from './notification-prefs.js';

export function attentionCount(store, prefs, notifier) {
  let count = 0;
  for (const channel of store.channels) {
    count += prefs.isMuted(channel.name) ? store.mentionCount(channel.name) : (channel.unread ?? 0);
  }
  const me = store.user?.username;
  if (notifier.canDecide()) {
    count += store.pendingApprovals().filter((approval) => approval.requested_by !== me).length;
  }
  return count;
}

export function watchAttention(store = appStore(), prefs = notificationPrefs) {
  const notifier = new DesktopNotifier(store, prefs);
  let loadedFor = null;
  const refresh = () => {
    const username = store.user?.username ?? null;
    if (username && loadedFor !== username) {
      loadedFor = username;
      prefs.load().catch((error) => console.warn('notification preferences not loaded', error));
    }
    const count = username ? attentionCount(store, prefs, notifier) : 0;
    setTitlePart('attention', count > 0 ? `(${count})` : null);
    showFaviconCount(count);
  };
  store.subscribe(refresh);
  prefs.addEventListener('change', refresh);
  // a push's notification clicked while the app is open: the service worker asks it to open the message
  navigator.serviceWorker?.addEventListener('message', (event) => {
    if (event.data?.type === 'open' && typeof event.data.hash === 'string' && event.data.hash.startsWith('#/')) {
      navigate(event.data.hash);
    }
  });
  return notifier;
}
