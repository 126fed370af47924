// Web Push for this device: the browser's push subscription, made with the server's VAPID key
// (GET /api/push/key) and registered with the server, which then pushes approvals, mentions and
// DMs here while the app is closed; the service worker (sw.js) shows them.
import { api } from './api.js';

const WORKER_WAIT_MS = 5000;

function supported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && window.isSecureContext;
}

async function registration() {
  if (!supported()) {
    return null;
  }
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), WORKER_WAIT_MS));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

/** {enabled (on the server), supported (by this browser), subscribed (this device)}. */
export async function pushStatus() {
  const key = await api.pushKey();
  const worker = key.enabled ? await registration() : null;
  const subscription = await worker?.pushManager.getSubscription();
  return { enabled: key.enabled, publicKey: key.public_key, supported: Boolean(worker), subscribed: Boolean(subscription) };
}

export async function subscribePush(publicKey) {
  const worker = await registration();
  if (!worker) {
    throw new Error('this browser cannot receive push here (it needs a service worker over HTTPS)');
  }
  const subscription = await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: decode(publicKey) });
  await api.subscribePush(subscription.toJSON());
}

export async function unsubscribePush() {
  const worker = await registration();
  const subscription = await worker?.pushManager.getSubscription();
  if (subscription) {
    await api.unsubscribePush(subscription.endpoint).catch(() => {});
    await subscription.unsubscribe();
  }
}

function decode(base64url) {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}
