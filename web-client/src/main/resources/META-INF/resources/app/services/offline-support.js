// Installs the service worker (/sw.js) that keeps the app shell for offline use. Browsers allow
// service workers only in secure contexts (HTTPS, localhost); elsewhere the app runs without one.
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    return;
  }
  // after the page's own loading, so the worker's precaching doesn't compete with the first render
  if (document.readyState === 'complete') {
    register();
  } else {
    window.addEventListener('load', register, { once: true });
  }
}

async function register() {
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
    await controlled();
    // what loaded before the worker took the page over never went through it: hand it the list to keep
    const since = performance.now();
    keep([location.origin + '/', ...performance.getEntriesByType('resource').map((entry) => entry.name)]);
    // and what was asked for before then but arrives after (the chat's modules load while the page
    // asks whether it is signed in), as it arrives
    new PerformanceObserver((list) => keep(list.getEntries().filter((entry) => entry.startTime < since)
      .map((entry) => entry.name))).observe({ type: 'resource' });
  } catch (error) {
    console.warn('offline support is off: the service worker did not install', error);
  }
}

/** Resolves once the worker controls the page (at once on a later visit; after its activation on the first). */
function controlled() {
  return navigator.serviceWorker.controller ? Promise.resolve()
    : new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
}

function keep(urls) {
  if (urls.length) {
    navigator.serviceWorker.controller?.postMessage({ type: 'keep', urls });
  }
}
