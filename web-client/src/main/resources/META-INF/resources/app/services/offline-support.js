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
    const registration = await navigator.serviceWorker.ready;
    // what loaded before the worker was there never went through it: hand it the list to keep
    const urls = [location.origin + '/', ...performance.getEntriesByType('resource').map((entry) => entry.name)];
    registration.active?.postMessage({ type: 'keep', urls });
  } catch (error) {
    console.warn('offline support is off: the service worker did not install', error);
  }
}
