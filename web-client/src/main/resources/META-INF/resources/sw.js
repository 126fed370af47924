// The service worker: keeps the app shell (the page, the app's modules, the libraries, the icons)
// so the app opens without a network, and shows /offline.html for a page it never kept.
// API answers, the socket and uploaded files never go through it: they are the network's only.
// Change VERSION whenever what this file caches or how changes; the old caches go on activation.
// The build adds the bundle's hash to it and precaches the bundle's entry instead of main.js.
const VERSION = 'v1';
const PREFIX = 'wfchat-shell-';
const CACHE = PREFIX + VERSION;
const OFFLINE_PAGE = '/offline.html';
const PRECACHE = ['/', OFFLINE_PAGE, '/manifest.json', '/app/app.css', '/app/main.js', '/app/favicon.svg',
    '/icons/icon-192.png', '/icons/icon-512.png'];
// A library file whose path names its version, or a bundle file its content's hash, never changes:
// taken from the cache first.
const VERSIONED = /^\/((_static|vendor)\/[^/]+\/\d[^/]*\/|app\/bundle\/[\w-]+-[A-Z0-9]{8}\.js$)/;
const SHELL_DIRECTORIES = /^\/(app|icons|_static|vendor)\//;
const SHELL_PAGES = new Set(['/', '/index.html', OFFLINE_PAGE, '/manifest.json']);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
      .then((names) => Promise.all(names
          .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
          .map((name) => caches.delete(name))))
      .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request, url));
  } else if (isShell(url)) {
    event.respondWith(VERSIONED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
  }
  // anything else (/api/*, /ws, uploads) is left to the browser: never answered from a cache
});

// The page posts what it loaded before this worker controlled it, so the first visit is kept whole.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) {
    return;
  }
  const urls = event.data.urls
      .map((href) => new URL(href, self.location.origin))
      .filter((url) => url.origin === self.location.origin && isShell(url));
  event.waitUntil(caches.open(CACHE)
      .then((cache) => Promise.all(urls.map((url) => cache.match(url).then((kept) => kept || cache.add(url))
          .catch(() => undefined))))
      .then(() => event.source?.postMessage({ type: 'kept', count: urls.length })));
});

// Web Push (the server's, see docs/protocol.md "Web Push"): shown unless a window of the app has the
// focus, which tells of it itself (the same tag, so the two never stack).
self.addEventListener('push', (event) => {
  let push = {};
  try {
    push = event.data?.json() ?? {};
  } catch (notJson) {
    push = { body: event.data?.text() };
  }
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      .then((windows) => windows.some((w) => w.focused) ? undefined
        : self.registration.showNotification(String(push.title ?? 'Workflow Chat'), {
          body: String(push.body ?? ''), tag: push.tag, icon: '/icons/icon-192.png',
          data: { hash: hashOf(push.url) },
        })));
});

// A notification clicked: the app's open window goes to the message, else a new one opens there.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const hash = hashOf(event.notification.data?.hash);
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
    const open = windows[0];
    if (!open) {
      return self.clients.openWindow('/' + hash);
    }
    // told first: focus() is the browser's to refuse (it allows it only for a short while after the
    // click), and the message must open all the same
    open.postMessage({ type: 'open', hash });
    await open.focus().catch(() => undefined);
  }));
});

/** The app's own deep link (#/c/…) in a push's url, never another site's address. */
function hashOf(url) {
  const hash = String(url ?? '').replace(/^\/?/, '').replace(/^[^#]*/, '');
  return hash.startsWith('#/') ? hash : '';
}

function isShell(url) {
  return url.search === '' && (SHELL_PAGES.has(url.pathname) || SHELL_DIRECTORIES.test(url.pathname));
}

async function navigate(request, url) {
  const cache = await caches.open(CACHE);
  const isApp = url.pathname === '/' || url.pathname === '/index.html';
  try {
    const response = await fetch(request);
    if (isApp && response.ok) {
      await cache.put('/', response.clone());
    }
    return response;
  } catch (offline) {
    return (isApp ? await cache.match('/') : await cache.match(request)) ?? cache.match(OFFLINE_PAGE);
  }
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    return (await cache.match(request)) ?? Response.error();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) {
    return kept;
  }
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
  }
  return response;
}
