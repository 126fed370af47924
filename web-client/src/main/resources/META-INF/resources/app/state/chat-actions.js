// What the person does, besides sending (local-echo.js): each action asks the server through the
// socket and changes the state as the answer says.
import { api } from '../services/api.js';
import { ApprovalActions } from './approval-actions.js';
import { ChannelFocus } from './channel-focus.js';
import { isOwnDm } from './frame-reducer.js';
import { nextLocalId } from './message-buckets.js';
import { ReadMarkers } from './read-markers.js';

const PAGE = 50;
const MAX_PAGE = 200;
const TYPING_EVERY_MS = 3000;
const NOTICE_SHOWN_MS = 6000;

export class ChatActions {
  /** `changed` is called after every change to the state; `offline` lists what waits for the connection. */
  constructor(state, socket, changed, offline) {
    this.state = state;
    this.socket = socket;
    this.changed = changed;
    this.offline = offline;
    this.reads = new ReadMarkers(state, socket, changed);
    this.focus = new ChannelFocus(state, socket);
    this.approvals = new ApprovalActions(state, (frame, what) => this._act(frame, what), changed, offline);
    this._typingSent = 0;
  }

  /** Does what a frame asked for (see applyFrame). */
  follow(effect) {
    if (effect?.select) {
      this.selectChannel(effect.select);
    } else if (effect?.markRead) {
      this.markRead(effect.markRead);
    } else if (effect?.loadGroup) {
      this.approvals.loadGroup(effect.loadGroup);
    }
  }

  async selectChannel(name) {
    if (name !== this._opened) { // opened anew, not the same one selected again (a first ready)
      this._opened = name;
      this.reads.opened(name);
    }
    this.state.current = name;
    const bucket = this.state.messages.bucket(name);
    this.changed();
    await this.focus.lookAt(name);
    if (!bucket.loaded) {
      await this.loadOlder(name);
    }
    this.markRead(name);
  }

  /**
   * One page of older history; `limit` (up to 200) for a long way back, as to a linked message.
   * While a page is on its way, the same promise: whoever waits for the channel waits for that page.
   */
  loadOlder(name = this.state.current, { limit = PAGE } = {}) {
    const bucket = this.state.messages.bucket(name);
    if (bucket.loading || (bucket.loaded && !bucket.hasMore)) {
      return bucket.loading || Promise.resolve();
    }
    bucket.loading = this._fetchOlder(name, bucket, limit);
    return bucket.loading;
  }

  async _fetchOlder(name, bucket, limit) {
    const oldest = bucket.list.find((m) => m.seq);
    try {
      const frame = await this.socket.request({ type: 'history', channel: name, limit: Math.min(limit, MAX_PAGE),
        ...(oldest ? { before_seq: oldest.seq } : {}) });
      frame.messages.forEach((m) => this.state.messages.put(m));
      bucket.hasMore = frame.has_more;
      bucket.loaded = true;
    } catch (error) {
      if (error.code === 'not_found' && isOwnDm(this.state, name)) {
        bucket.hasMore = false; // the person's DM with an agent is made by its first message
        bucket.loaded = true;
      } else {
        this.notify(`Could not load history: ${error.message}`);
      }
    } finally {
      bucket.loading = false;
      this.changed();
    }
  }

  markRead(name = this.state.current) {
    this.reads.markRead(name);
  }

  /** Opens the editor on a message (null closes it). */
  startEditing(messageId) {
    this.state.editing = messageId;
    this.changed();
  }

  edit(messageId, content) {
    return this._act({ type: 'message.edit', message_id: messageId, content }, { kind: 'edit', label: `Edit: ${content}` });
  }

  remove(messageId) {
    return this._act({ type: 'message.delete', message_id: messageId }, { kind: 'delete', label: 'Delete a message' });
  }

  react(messageId, reaction) {
    const message = this.state.messages.message(messageId);
    const mine = message?.reactions?.[reaction]?.includes(this.state.user.username);
    return this._act({ type: mine ? 'reaction.remove' : 'reaction.add', message_id: messageId, reaction },
      { kind: 'reaction', label: `${mine ? 'Remove reaction' : 'Reaction'} ${reaction}` });
  }

  pin(messageId, pinned) {
    return this._act({ type: pinned ? 'message.pin' : 'message.unpin', message_id: messageId },
      { kind: 'pin', label: pinned ? 'Pin a message' : 'Unpin a message' });
  }

  typingNow(channel = this.state.current) {
    const now = Date.now();
    if (!this._typingSent || now - this._typingSent > TYPING_EVERY_MS) {
      this._typingSent = now;
      this.socket.notify({ type: 'typing', channel });
    }
  }

  async complete(text) {
    try {
      const frame = await this.socket.request({ type: 'command.complete', text });
      return frame.items ?? [];
    } catch {
      return [];
    }
  }

  async loadThread(parentId) {
    const thread = await api.thread(parentId);
    this.state.messages.put(thread.parent);
    thread.replies.forEach((m) => this.state.messages.put(m));
    this.changed();
    return thread;
  }

  notify(text) {
    this.state.notices = [...this.state.notices.slice(-4), { id: nextLocalId(), text }];
    this.changed();
    setTimeout(() => {
      this.state.notices = this.state.notices.filter((n) => n.text !== text);
      this.changed();
    }, NOTICE_SHOWN_MS);
  }

  /**
   * What was missed is no longer kept, so what is shown may hold messages since edited or deleted:
   * drop every loaded message (not the person's unsent ones) and fetch the open channel again. The
   * channel list and unread counts came fresh with this connection's ready.
   */
  reload() {
    this.state.messages.forgetStored();
    this.changed();
    this.loadOlder(this.state.current).then(() => this.markRead(this.state.current));
  }

  async _act(frame, what) {
    try {
      return await this.offline.request(frame, what);
    } catch (error) {
      if (error.code !== 'cancelled') { // the person took it back: nothing to tell
        this.notify(error.message);
      }
      throw error;
    }
  }
}
