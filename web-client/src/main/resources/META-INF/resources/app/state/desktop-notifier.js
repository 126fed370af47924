// Desktop notifications (the browser's Notification API) of what concerns the person while they
// look elsewhere: a mention of them, a message in their DM, an approval they can decide. Never
// for the channel open in a visible, focused tab, never for their own messages, never for a
// muted channel (a mention or an approval there still is), and only as their preferences say.
// Permission is asked in the settings, on a click, never here.
import { dmParts } from '../services/channel-names.js';
import { mentions } from '../services/mentions.js';
import { messageHref, navigate, parseView } from '../services/routes.js';

// a catch-up after a reconnect replays changes: what is older than this is news no more
const FRESH_MS = 2 * 60 * 1000;
const REMEMBERED = 500;

export class DesktopNotifier {
  constructor(store, prefs) {
    this.store = store;
    this.prefs = prefs;
    this._told = new Set();
    store.socket.addEventListener('frame', (event) => this.heard(event.detail));
  }

  heard(frame) {
    if (frame.type === 'message.created' && frame.message) {
      this._message(frame.message);
    } else if (frame.type === 'approval.requested' && frame.approval) {
      this._approval(frame.approval);
    }
  }

  /** Whether the person may decide approvals at all (approvers and admins). */
  canDecide() {
    const roles = this.store.user?.roles ?? [];
    return roles.includes('approver') || roles.includes('admin');
  }

  _message(message) {
    const me = this.store.user?.username;
    if (!me || (message.author_type === 'user' && message.author_id === me) || message.thread_id
        || message.metadata?.type === 'approval_request' || message.author_type === 'hook') {
      // a webhook's text comes from outside: its mentions notify nobody (as the server's pushes)
      return;
    }
    const dm = dmParts(message.channel);
    const kind = mentions(message.content, me) ? 'mentions' : dm?.person === me ? 'dms' : null;
    if (!kind || (kind === 'dms' && this.prefs.isMuted(message.channel))) {
      return;
    }
    const who = message.author_name ?? message.author_id;
    this._show(kind, message.channel, message.message_id, message.created_at, {
      title: kind === 'mentions' ? `${who} mentioned you in ${where(message.channel)}` : `${who} in ${where(message.channel)}`,
      body: excerpt(message.content),
    });
  }

  _approval(approval) {
    if (approval.status !== 'pending' || !this.canDecide() || approval.requested_by === this.store.user?.username
        || !approval.message_id) {
      return;
    }
    this._show('approvals', approval.channel, approval.message_id, approval.requested_at, {
      title: `Approval needed in ${where(approval.channel)}`,
      body: `${approval.requested_by}: ${excerpt(approval.title)}`,
    });
  }

  _show(kind, channel, messageId, at, { title, body }) {
    const prefs = this.prefs.value;
    if (!prefs.desktop || !prefs[kind] || globalThis.Notification?.permission !== 'granted'
        || this._told.has(messageId) || (at && Date.now() - Date.parse(at) > FRESH_MS) || this._inView(channel)) {
      return;
    }
    this._remember(messageId);
    try {
      // the same tag as a push of the same message (sw.js), so the two never show twice
      const notification = new Notification(title, { body, tag: messageId, icon: '/icons/icon-192.png' });
      notification.onclick = () => {
        window.focus();
        navigate(messageHref(channel, messageId));
        notification.close();
      };
    } catch (error) {
      console.warn('could not show a notification', error);
    }
  }

  /** The channel is on screen: open, no view over it, and the tab visible and focused. */
  _inView(channel) {
    return this.store.current === channel && !parseView() && document.visibilityState === 'visible'
      && document.hasFocus();
  }

  _remember(messageId) {
    this._told.add(messageId);
    if (this._told.size > REMEMBERED) {
      this._told.delete(this._told.values().next().value);
    }
  }
}

/** Where a message is, as the push notifications say it too. */
function where(channel) {
  const dm = dmParts(channel);
  return dm ? `your DM with ${dm.agent}` : `#${channel}`;
}

function excerpt(text) {
  const plain = String(text ?? '').replace(/[*_`#>|~]/g, '').replace(/\s+/g, ' ').trim();
  return plain.length > 160 ? `${plain.slice(0, 159)}…` : plain;
}
