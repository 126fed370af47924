// What the person has read: the read marker of each channel (sent to the server, which keeps it),
// where the "new since" divider goes when a channel opens, and the mentions of the person not read
// yet (counted from the messages that arrive while the page is open).
import { mentions } from '../services/mentions.js';
import { updateChannel } from './frame-reducer.js';

const READ_MARKER_EVERY_MS = 1000;

export class ReadMarkers {
  constructor(state, socket, changed) {
    this.state = state;
    this.socket = socket;
    this.changed = changed;
    this._pending = new Map();
    // channel → the seq the person had read when it opened (the divider goes after it)
    this.newSince = new Map();
    // channel → messages mentioning the person that are not read yet
    this.mentions = new Map();
  }

  /** A channel opens: its divider is placed by the marker as it was, before opening moves it. */
  opened(name) {
    const channel = this.state.channels.find((c) => c.name === name);
    if (channel?.unread > 0) {
      this.newSince.set(name, channel.last_read_seq ?? 0);
    } else {
      this.newSince.delete(name);
    }
  }

  /** A message the page had not seen arrived: is it a mention of the person, and not read at once? */
  arrived(message, { read }) {
    const me = this.state.user?.username;
    const mine = message.author_type === 'user' && message.author_id === me;
    if (!read && !mine && !message.thread_id && mentions(message.content, me)) {
      this.mentions.set(message.channel, (this.mentions.get(message.channel) ?? 0) + 1);
    }
  }

  markRead(name = this.state.current) {
    const channel = this.state.channels.find((c) => c.name === name);
    const last = this.state.messages.lastSeq(name);
    this.mentions.delete(name);
    if (channel && last > 0 && (channel.unread > 0 || (channel.last_read_seq ?? 0) < last)) {
      updateChannel(this.state, name, { unread: 0, last_read_seq: last });
      this.changed();
      this._sendSoon(name, last);
    }
  }

  /** Every channel read up to its newest message; one frame at a time, so many channels stay under the rate limit. */
  async markAllRead() {
    const unread = this.state.channels.filter((c) => c.unread > 0 && c.last_seq > 0);
    this.mentions.clear();
    unread.forEach((c) => updateChannel(this.state, c.name, { unread: 0, last_read_seq: c.last_seq }));
    this.changed();
    for (const channel of unread) {
      await this.socket.request({ type: 'read', channel: channel.name, seq: channel.last_seq }).catch(() => {});
    }
  }

  /**
   * At most one read marker a second per channel: a busy channel must not flood the socket. Sent as
   * a request, which waits out a reconnect, not as a notice a closed socket drops: a marker lost so
   * leaves the server counting as unread what the person saw.
   */
  _sendSoon(name, seq) {
    const pending = this._pending.get(name);
    if (pending) {
      pending.seq = Math.max(pending.seq, seq);
      return;
    }
    const marker = { seq };
    this._pending.set(name, marker);
    setTimeout(() => {
      this._pending.delete(name);
      this.socket.request({ type: 'read', channel: name, seq: marker.seq }).catch(() => {});
    }, READ_MARKER_EVERY_MS);
  }
}
