// What the person does, besides sending (local-echo.js): each action asks the server through the
// socket and changes the state as the answer says.
import { api, ApiError } from '../services/api.js';
import { isOwnDm, keepApproval } from './frame-reducer.js';
import { nextLocalId } from './message-buckets.js';
import { ReadMarkers } from './read-markers.js';

const PAGE = 50;
const MAX_PAGE = 200;
const TYPING_EVERY_MS = 3000;
const NOTICE_SHOWN_MS = 6000;
// An envelope id (docs/protocol.md), and never a path segment of its own ("." or "..").
const APPROVAL_ID = /^(?!\.{1,2}$)[A-Za-z0-9._:-]{1,128}$/;

/** Whether a fetched record says more than the one kept: a decision, or more votes toward its quorum. */
function fresher(fetched, known) {
  if (!known) {
    return true;
  }
  if (known.status !== 'pending') {
    return false;
  }
  return fetched.status !== 'pending' || (fetched.votes?.length ?? 0) >= (known.votes?.length ?? 0);
}

export class ChatActions {
  /** `changed` is called after every change to the state. */
  constructor(state, socket, changed) {
    this.state = state;
    this.socket = socket;
    this.changed = changed;
    this.reads = new ReadMarkers(state, socket, changed);
    this._approvalLookups = new Map();
    this._groupLoads = new Map();
    this._typingSent = 0;
  }

  /** Does what a frame asked for (see applyFrame). */
  follow(effect) {
    if (effect?.select) {
      this.selectChannel(effect.select);
    } else if (effect?.markRead) {
      this.markRead(effect.markRead);
    } else if (effect?.loadGroup) {
      this.loadGroup(effect.loadGroup);
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
    return this._act({ type: 'message.edit', message_id: messageId, content });
  }

  remove(messageId) {
    return this._act({ type: 'message.delete', message_id: messageId });
  }

  react(messageId, reaction) {
    const message = this.state.messages.message(messageId);
    const mine = message?.reactions?.[reaction]?.includes(this.state.user.username);
    return this._act({ type: mine ? 'reaction.remove' : 'reaction.add', message_id: messageId, reaction });
  }

  pin(messageId, pinned) {
    return this._act({ type: pinned ? 'message.pin' : 'message.unpin', message_id: messageId });
  }

  typingNow(channel = this.state.current) {
    const now = Date.now();
    if (!this._typingSent || now - this._typingSent > TYPING_EVERY_MS) {
      this._typingSent = now;
      this.socket.notify({ type: 'typing', channel });
    }
  }

  /** `remember` (with approve): `{until, command_prefix?}`, a standing rule made with the approval. */
  async respond(approvalId, action, { comment, modifications, remember } = {}) {
    const ack = await this._act({ type: 'approval.respond', approval_id: approvalId, action,
      ...(comment ? { comment } : {}), ...(modifications ? { modifications } : {}), ...(remember ? { remember } : {}) });
    if (ack?.approval) {
      keepApproval(this.state, ack.approval);
      this.changed();
    }
    return ack;
  }

  /**
   * Decides several requests in one frame, each on its own: resolves with the results per id
   * (`decided`, `voted`, `conflict`, `not_found`, `forbidden`), the records of those decided kept.
   */
  async respondMany(approvalIds, action, { comment } = {}) {
    const ack = await this._act({ type: 'approval.respond_many', approval_ids: approvalIds, action,
      ...(comment ? { comment } : {}) });
    const results = Array.isArray(ack?.results) ? ack.results : [];
    results.filter((r) => r?.approval?.approval_id).forEach((r) => keepApproval(this.state, r.approval));
    this.changed();
    return results;
  }

  /**
   * The requests of a flow group, asked of the server (frames bring each one as it comes, but a
   * page opened later, or a request it missed, needs the list). One load at a time per group; one
   * asked for meanwhile follows it, so a request that joined during a load is not missed.
   */
  loadGroup(groupId) {
    if (!APPROVAL_ID.test(String(groupId))) {
      return Promise.resolve();
    }
    const running = this._groupLoads.get(groupId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const load = { again: false };
    load.done = (async () => {
      do {
        load.again = false;
        try {
          const members = await api.approvalGroup(groupId);
          (Array.isArray(members) ? members : []).filter((a) => a?.approval_id)
            .filter((a) => a.approval_id === groupId || a.group_id === groupId)
            .filter((a) => fresher(a, this.state.approvals.get(a.approval_id)))
            .forEach((a) => keepApproval(this.state, a));
          this.changed();
        } catch {
          // an older server without groups, or none reached: the frames still bring new requests
        }
      } while (load.again);
    })().finally(() => this._groupLoads.delete(groupId));
    this._groupLoads.set(groupId, load);
    return load.done;
  }

  async complete(text) {
    try {
      const frame = await this.socket.request({ type: 'command.complete', text });
      return frame.items ?? [];
    } catch {
      return [];
    }
  }

  /**
   * The approval's record, asked of the server once when no frame brought it (a decided one is
   * not in ready). An id it does not know stays unknown: messages can name any id they like.
   */
  approval(id, { refresh = false } = {}) {
    const approvals = this.state.approvals;
    if (!APPROVAL_ID.test(String(id)) || (!refresh && (approvals.has(id) || this._approvalLookups.has(id)))) {
      return Promise.resolve(approvals.get(id));
    }
    const lookup = api.approval(id).then((approval) => {
      if (approval?.approval_id !== id) {
        return approvals.get(id); // not the record asked for, whatever answered
      }
      if (refresh || !approvals.has(id)) { // a frame that came meanwhile is as new or newer
        keepApproval(this.state, approval);
        this.changed();
      }
      return approval;
    }, (error) => {
      if (!(error instanceof ApiError && error.status === 404)) {
        this._approvalLookups.delete(id); // the server was not reached: ask again next time
      }
      return approvals.get(id);
    });
    this._approvalLookups.set(id, lookup);
    return lookup;
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

  async _act(frame) {
    try {
      return await this.socket.request(frame);
    } catch (error) {
      this.notify(error.message);
      throw error;
    }
  }
}
