// The person's notification preferences (desktop notifications, which kinds, muted channels), kept
// on the server (GET/PUT /api/me/preferences) so they follow the person to every device. One per
// page; whoever shows or uses them listens for 'change'.
import { api } from '../services/api.js';

const DEFAULTS = Object.freeze({ desktop: false, mentions: true, dms: true, approvals: true, muted: [] });

class NotificationPrefs extends EventTarget {
  constructor() {
    super();
    this.value = { ...DEFAULTS };
    this.loaded = false;
  }

  async load() {
    this.value = { ...DEFAULTS, ...(await api.preferences()) };
    this.loaded = true;
    this._changed();
  }

  /** Saves some preferences (the others as they are); the server's answer is what holds. */
  async save(changes) {
    this.value = await api.savePreferences({ ...this.value, ...changes });
    this._changed();
  }

  isMuted(channel) {
    return this.value.muted.includes(channel);
  }

  setMuted(channel, muted) {
    const others = this.value.muted.filter((name) => name !== channel);
    return this.save({ muted: muted ? [...others, channel] : others });
  }

  _changed() {
    this.dispatchEvent(new Event('change'));
  }
}

export const notificationPrefs = new NotificationPrefs();
