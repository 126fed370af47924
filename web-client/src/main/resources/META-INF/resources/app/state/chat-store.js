// The app's state: what the server said (ready, then every frame) plus the person's pending
// actions. Components read it and call its actions; it tells them when something changed.
import { api, ApiError } from '../services/api.js';
import { dmParts, isSharedDm, privateDm } from '../services/channel-names.js';

const PAGE = 50;
// Failed connection attempts in a row before the person is told why (a blip is not worth a word).
const FAILURES_BEFORE_TELLING = 3;
const CONNECTION_PROBLEMS = {
  refused: 'The server refuses more connections for you: close some other Workflow Chat tabs or windows.',
  unreachable: 'The server cannot be reached; still trying.',
};
// An envelope id (docs/protocol.md), and never a path segment of its own ("." or "..").
const APPROVAL_ID = /^(?!\.{1,2}$)[A-Za-z0-9._:-]{1,128}$/;
let localIds = 0;

export class ChatStore extends EventTarget {
  constructor(socket) {
    super();
    this.socket = socket;
    this.user = null;
    this.channels = [];
    this.current = 'general';
    this.connection = 'idle';
    this.snapshot = null;
    this.presence = new Map();
    this.approvals = new Map();
    this._approvalLookups = new Map();
    this.typing = new Map();
    this.notices = [];
    this.connectionProblem = null;
    this._messages = new Map();
    socket.addEventListener('frame', (event) => this._onFrame(event.detail));
    socket.addEventListener('state', (event) => this._onConnection(event.detail));
    socket.addEventListener('failure', (event) => this._onFailure(event.detail));
    socket.addEventListener('reload', () => this._reload());
  }

  start(user) {
    this.user = user;
    this.socket.connect();
  }

  stop() {
    this.socket.close();
  }

  // ---- reading

  channel(name = this.current) {
    return this.channels.find((c) => c.name === name);
  }

  /** The channel's loaded messages in seq order (thread replies excluded), then local echoes. */
  messages(name = this.current) {
    return this._bucket(name).list.filter((m) => !m.thread_id);
  }

  hasMore(name = this.current) {
    return this._bucket(name).hasMore;
  }

  message(id) {
    for (const bucket of this._messages.values()) {
      const found = bucket.byId.get(id);
      if (found) {
        return found;
      }
    }
    return null;
  }

  replies(parentId) {
    const parent = this.message(parentId);
    return parent ? this._bucket(parent.channel).list.filter((m) => m.thread_id === parentId) : [];
  }

  typingIn(name = this.current) {
    return (this.typing.get(name) ?? []).filter((u) => u !== this.user?.username);
  }

  pendingApprovals() {
    return [...this.approvals.values()].filter((a) => a.status === 'pending')
      .sort((a, b) => String(a.expires_at).localeCompare(String(b.expires_at)));
  }

  agents() {
    return [...this.presence.values()].sort((a, b) => a.agent.localeCompare(b.agent));
  }

  /** The person's own DM channel with the agent; it need not exist yet (the first message makes it). */
  dmWith(agent) {
    return privateDm(agent, this.user?.username);
  }

  /** The DM channels listed: the person's own by agent, and the older shared ones (admins only get these). */
  dmChannels() {
    const mine = new Map();
    const shared = [];
    for (const channel of this.channels) {
      const dm = dmParts(channel.name);
      if (dm?.person === this.user?.username) {
        mine.set(dm.agent, channel);
      } else if (dm && !dm.person) {
        shared.push(channel);
      }
    }
    return { mine, shared };
  }

  /** An older shared DM is kept to be read: a message sent there would land in the sender's own DM. */
  isReadOnly(name = this.current) {
    return isSharedDm(name);
  }

  // ---- actions

  async selectChannel(name) {
    this.current = name;
    const bucket = this._bucket(name);
    this._changed();
    if (!bucket.loaded) {
      await this.loadOlder(name);
    }
    this.markRead(name);
  }

  async loadOlder(name = this.current) {
    const bucket = this._bucket(name);
    if (bucket.loading || (bucket.loaded && !bucket.hasMore)) {
      return;
    }
    bucket.loading = true;
    const oldest = bucket.list.find((m) => m.seq);
    try {
      const frame = await this.socket.request({ type: 'history', channel: name, limit: PAGE,
        ...(oldest ? { before_seq: oldest.seq } : {}) });
      frame.messages.forEach((m) => this._put(m));
      bucket.hasMore = frame.has_more;
      bucket.loaded = true;
    } catch (error) {
      if (error.code === 'not_found' && this._isOwnDm(name)) {
        bucket.hasMore = false; // the person's DM with an agent is made by its first message
        bucket.loaded = true;
      } else {
        this.notify(`Could not load history: ${error.message}`);
      }
    } finally {
      bucket.loading = false;
      this._changed();
    }
  }

  markRead(name = this.current) {
    const channel = this.channel(name);
    const last = this._bucket(name).list.reduce((max, m) => Math.max(max, m.seq || 0), 0);
    if (channel && last > 0 && (channel.unread > 0 || (channel.last_read_seq ?? 0) < last)) {
      this._updateChannel(name, { unread: 0, last_read_seq: last });
      this._sendReadSoon(name, last);
    }
  }

  /** At most one read marker a second per channel: a busy channel must not flood the socket. */
  _sendReadSoon(name, seq) {
    this._readMarkers ??= new Map();
    const pending = this._readMarkers.get(name);
    if (pending) {
      pending.seq = Math.max(pending.seq, seq);
      return;
    }
    const marker = { seq };
    this._readMarkers.set(name, marker);
    setTimeout(() => {
      this._readMarkers.delete(name);
      this.socket.notify({ type: 'read', channel: name, seq: marker.seq });
    }, 1000);
  }

  /** Sends a message or a slash command; the message shows at once and is confirmed by the ack. */
  async send(content, { channel = this.current, threadId = null, attachments = [] } = {}) {
    const text = content.trim();
    if (!text && attachments.length === 0) {
      return;
    }
    const frame = { type: 'message.send', channel, content: text, attachment_ids: attachments.map((a) => a.id),
      ...(threadId ? { thread_id: threadId } : {}) };
    if (text.startsWith('/')) {
      return this._runCommand(channel, frame);
    }
    const echo = { local_id: `local-${++localIds}`, pending: true, channel, content: text, seq: 0,
      author_type: 'user', author_id: this.user.username, author_name: this.user.display_name,
      created_at: new Date().toISOString(), thread_id: threadId, reactions: {}, attachments, metadata: {} };
    this._bucket(channel).echoes.push(echo);
    this._rebuild(channel);
    try {
      const ack = await this.socket.request(frame);
      this._dropEcho(channel, echo);
      if (ack.message) {
        this._created(ack.message); // the ack may come before the broadcast: whichever is first counts
      }
    } catch (error) {
      this._replaceEcho(channel, echo, { pending: false, failed: error.message });
    }
  }

  async retry(echo) {
    this._dropEcho(echo.channel, echo);
    await this.send(echo.content, { channel: echo.channel, threadId: echo.thread_id, attachments: echo.attachments });
  }

  discard(echo) {
    this._dropEcho(echo.channel, echo);
  }

  /** Opens the editor on a message (null closes it). */
  startEditing(messageId) {
    this.editing = messageId;
    this._changed();
  }

  lastOwnMessage(name = this.current) {
    return this.messages(name).filter((m) => m.message_id && !m.deleted_at && m.author_type === 'user'
      && m.author_id === this.user?.username).at(-1);
  }

  edit(messageId, content) {
    return this._act({ type: 'message.edit', message_id: messageId, content });
  }

  remove(messageId) {
    return this._act({ type: 'message.delete', message_id: messageId });
  }

  react(messageId, reaction) {
    const message = this.message(messageId);
    const mine = message?.reactions?.[reaction]?.includes(this.user.username);
    return this._act({ type: mine ? 'reaction.remove' : 'reaction.add', message_id: messageId, reaction });
  }

  pin(messageId, pinned) {
    return this._act({ type: pinned ? 'message.pin' : 'message.unpin', message_id: messageId });
  }

  typingNow(channel = this.current) {
    const now = Date.now();
    if (!this._typingSent || now - this._typingSent > 3000) {
      this._typingSent = now;
      this.socket.notify({ type: 'typing', channel });
    }
  }

  async respond(approvalId, action, { comment, modifications } = {}) {
    const ack = await this._act({ type: 'approval.respond', approval_id: approvalId, action,
      ...(comment ? { comment } : {}), ...(modifications ? { modifications } : {}) });
    if (ack?.approval) {
      this.approvals.set(ack.approval.approval_id, ack.approval);
      this._changed();
    }
    return ack;
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
    if (!APPROVAL_ID.test(String(id)) || (!refresh && (this.approvals.has(id) || this._approvalLookups.has(id)))) {
      return Promise.resolve(this.approvals.get(id));
    }
    const lookup = api.approval(id).then((approval) => {
      if (approval?.approval_id !== id) {
        return this.approvals.get(id); // not the record asked for, whatever answered
      }
      if (refresh || !this.approvals.has(id)) { // a frame that came meanwhile is as new or newer
        this.approvals.set(id, approval);
        this._changed();
      }
      return approval;
    }, (error) => {
      if (!(error instanceof ApiError && error.status === 404)) {
        this._approvalLookups.delete(id); // the server was not reached: ask again next time
      }
      return this.approvals.get(id);
    });
    this._approvalLookups.set(id, lookup);
    return lookup;
  }

  async loadThread(parentId) {
    const thread = await api.thread(parentId);
    this._put(thread.parent);
    thread.replies.forEach((m) => this._put(m));
    this._changed();
    return thread;
  }

  notify(text) {
    this.notices = [...this.notices.slice(-4), { id: ++localIds, text }];
    this._changed();
    setTimeout(() => {
      this.notices = this.notices.filter((n) => n.text !== text);
      this._changed();
    }, 6000);
  }

  // ---- frames

  _onFrame(frame) {
    switch (frame.type) {
      case 'ready': return this._ready(frame);
      case 'message.created': return this._created(frame.message);
      case 'message.edited':
      case 'message.pinned':
      case 'message.unpinned': return this._put(frame.message, true);
      case 'message.deleted': return this._deleted(frame);
      case 'reaction.updated': return this._patch(frame.message_id, { reactions: frame.reactions });
      case 'reaction.added': return this._reacted(frame, true);
      case 'reaction.removed': return this._reacted(frame, false);
      case 'typing':
        this.typing.set(frame.channel, frame.users ?? []);
        return this._changed();
      case 'presence':
        (frame.agents ?? []).forEach((agent) => this.presence.set(agent.agent, agent));
        return this._changed();
      case 'approval.requested':
      case 'approval.decided':
        this.approvals.set(frame.approval.approval_id, frame.approval);
        return this._changed();
      case 'workflow.state':
        this.snapshot = frame.snapshot;
        return this._changed();
      default:
        return undefined;
    }
  }

  _ready(frame) {
    this.user = frame.user;
    this.channels = frame.channels ?? [];
    (frame.approvals ?? []).forEach((a) => this.approvals.set(a.approval_id, a));
    (frame.presence?.agents ?? []).forEach((agent) => this.presence.set(agent.agent, agent));
    if (frame.snapshot) {
      this.snapshot = frame.snapshot;
    }
    if (!this.channel(this.current) && !this._isOwnDm(this.current) && this.channels.length) {
      this.current = this.channels[0].name;
    }
    this._changed();
    if (!frame.reconnected) {
      this.selectChannel(this.current);
    }
  }

  _created(message) {
    const known = this.message(message.message_id);
    this._put(message);
    if (known) {
      return;
    }
    this._settleFailedEcho(message);
    if (message.thread_id) {
      const parent = this.message(message.thread_id);
      if (parent) {
        this._patch(parent.message_id, { reply_count: (parent.reply_count ?? 0) + 1 });
      }
    }
    const channel = this.channel(message.channel);
    if (channel) {
      this._updateChannel(channel.name, { last_seq: Math.max(channel.last_seq ?? 0, message.seq) });
      const mine = message.author_type === 'user' && message.author_id === this.user?.username;
      if (message.channel === this.current && document.visibilityState === 'visible') {
        this.markRead(message.channel);
      } else if (!mine && !message.thread_id) {
        this._updateChannel(channel.name, { unread: (channel.unread ?? 0) + 1 });
      }
    } else if (dmParts(message.channel)) { // a DM's first message made it
      const seen = message.channel === this.current || message.author_id === this.user?.username;
      this.channels = [...this.channels, { name: message.channel, kind: 'dm', unread: seen ? 0 : 1,
        last_seq: message.seq, last_read_seq: seen ? message.seq : 0 }];
    }
    this._changed();
  }

  /** A send whose answer was lost with the connection, found stored after all: no longer "not sent". */
  _settleFailedEcho(message) {
    if (message.author_type !== 'user' || message.author_id !== this.user?.username) {
      return;
    }
    const bucket = this._bucket(message.channel);
    const echo = bucket.echoes.find((e) => e.failed && e.content === message.content
      && (e.thread_id ?? null) === (message.thread_id ?? null));
    if (echo) {
      this._dropEcho(message.channel, echo);
    }
  }

  _updateChannel(name, fields) {
    this.channels = this.channels.map((c) => (c.name === name ? { ...c, ...fields } : c));
    this._changed();
  }

  _deleted(frame) {
    const reply = this.message(frame.message_id);
    if (reply?.thread_id && !reply.deleted_at) {
      const parent = this.message(reply.thread_id);
      if (parent) {
        this._patch(parent.message_id, { reply_count: Math.max(0, (parent.reply_count ?? 0) - 1) });
      }
    }
    this._patch(frame.message_id, { deleted_at: frame.deleted_at ?? new Date().toISOString(), content: '',
      attachments: [] });
  }

  /**
   * One person's reaction added or removed. Applied as a set change, so a delta that a copy
   * fetched later already holds changes nothing; the socket drops a seq seen twice.
   */
  _reacted(frame, added) {
    const message = this.message(frame.message_id);
    if (!message) {
      return; // not loaded: history brings its reactions when it is
    }
    const reactions = { ...(message.reactions ?? {}) };
    const users = (reactions[frame.reaction] ?? []).filter((u) => u !== frame.user_id);
    if (added) {
      users.push(frame.user_id);
    }
    if (users.length) {
      reactions[frame.reaction] = users;
    } else {
      delete reactions[frame.reaction];
    }
    this._patch(frame.message_id, { reactions });
  }

  _patch(messageId, fields) {
    const message = this.message(messageId);
    if (message) {
      this._bucket(message.channel).byId.set(messageId, { ...message, ...fields });
      this._rebuild(message.channel);
    }
  }

  _onConnection(state) {
    this.connection = state;
    if (state === 'open') {
      this.connectionProblem = null;
    }
    this._changed();
    if (state === 'unauthorized') {
      this.dispatchEvent(new CustomEvent('signed-out')); // logged out elsewhere: the socket was closed for that
      return;
    }
    if (state === 'reconnecting') {
      // A socket that keeps failing may mean the session ended: ask the API, which says so plainly.
      api.me().catch((error) => {
        if (error instanceof ApiError && error.status === 401) {
          this.socket.close();
          this.dispatchEvent(new CustomEvent('signed-out'));
        }
      });
    }
  }

  /**
   * Attempts keep failing: the browser does not say why (a refused upgrade looks like a network
   * failure), so ask the API. It answering means the server is there and the session good, so the
   * socket itself is refused: for a signed-in person that is the limit of open sockets (429).
   */
  _onFailure(failures) {
    if (failures < FAILURES_BEFORE_TELLING) {
      return;
    }
    api.me().then(() => this._connectionProblem('refused'), (error) => {
      if (error instanceof ApiError && error.status === 401) {
        this.socket.close();
        this.dispatchEvent(new CustomEvent('signed-out'));
      } else {
        this._connectionProblem('unreachable');
      }
    });
  }

  _connectionProblem(kind) {
    if (this.connection === 'connecting' || this.connection === 'reconnecting') {
      this.connectionProblem = CONNECTION_PROBLEMS[kind];
      this._changed();
    }
  }

  /**
   * What was missed is no longer kept, so what is shown may hold messages since edited or deleted:
   * drop every loaded message (not the person's unsent ones) and fetch the open channel again. The
   * channel list and unread counts came fresh with this connection's ready.
   */
  _reload() {
    for (const bucket of this._messages.values()) {
      bucket.byId = new Map();
      bucket.hasMore = true;
      bucket.loaded = false;
    }
    [...this._messages.keys()].forEach((name) => this._rebuild(name));
    this.loadOlder(this.current).then(() => this.markRead(this.current));
  }

  _isOwnDm(name) {
    return dmParts(name)?.person === this.user?.username;
  }

  // ---- storage

  _bucket(name) {
    let bucket = this._messages.get(name);
    if (!bucket) {
      bucket = { byId: new Map(), echoes: [], list: [], hasMore: true, loaded: false, loading: false };
      this._messages.set(name, bucket);
    }
    return bucket;
  }

  _put(message, replace = false) {
    const bucket = this._bucket(message.channel);
    const known = bucket.byId.get(message.message_id);
    if (known && !replace && (known.edited_at || known.deleted_at) && !message.edited_at && !message.deleted_at) {
      return; // an older copy (history) must not undo an edit seen live
    }
    // A new object per change, so components see that it changed. A copy fetched earlier must not
    // lower a reply count that replies seen since have raised.
    const merged = known ? { ...known, ...message } : { ...message };
    if (known && !replace) {
      merged.reply_count = Math.max(known.reply_count ?? 0, message.reply_count ?? 0);
    }
    bucket.byId.set(message.message_id, merged);
    this._rebuild(message.channel);
  }

  _dropEcho(channel, echo) {
    const bucket = this._bucket(channel);
    bucket.echoes = bucket.echoes.filter((e) => e !== echo);
    this._rebuild(channel);
  }

  _replaceEcho(channel, echo, fields) {
    const bucket = this._bucket(channel);
    bucket.echoes = bucket.echoes.map((e) => (e === echo ? { ...e, ...fields } : e));
    this._rebuild(channel);
  }

  _rebuild(channel) {
    const bucket = this._bucket(channel);
    bucket.list = [...bucket.byId.values()].sort((a, b) => a.seq - b.seq).concat(bucket.echoes);
    this._changed();
  }

  async _runCommand(channel, frame) {
    const echo = { local_id: `local-${++localIds}`, ephemeral: true, channel, seq: 0, content: frame.content,
      author_type: 'user', author_id: this.user.username, author_name: this.user.display_name,
      created_at: new Date().toISOString(), reactions: {}, attachments: [], metadata: { type: 'command' } };
    this._bucket(channel).echoes.push(echo);
    this._rebuild(channel);
    let answer;
    let ok = false;
    try {
      const result = await this.socket.request(frame);
      answer = result.type === 'command.result'
        ? [result.message, result.hint ? `*${result.hint}*` : ''].filter(Boolean).join('\n\n')
        : 'Done.';
      ok = result.ok !== false;
    } catch (error) {
      answer = error.message;
    }
    this._bucket(channel).echoes.push({ local_id: `local-${++localIds}`, ephemeral: true, channel, seq: 0,
      content: answer, ok, author_type: 'system', author_id: 'system', author_name: 'Workflow',
      created_at: new Date().toISOString(), reactions: {}, attachments: [], metadata: { type: 'command_result' } });
    this._rebuild(channel);
  }

  async _act(frame) {
    try {
      return await this.socket.request(frame);
    } catch (error) {
      this.notify(error.message);
      throw error;
    }
  }

  _changed() {
    if (!this._scheduled) {
      this._scheduled = true;
      queueMicrotask(() => {
        this._scheduled = false;
        this.dispatchEvent(new Event('change'));
      });
    }
  }
}
