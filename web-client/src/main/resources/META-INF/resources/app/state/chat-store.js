// The app's state as components see it: what the server said (frame-reducer.js), the messages
// (message-buckets.js), and what the person does (chat-actions.js, local-echo.js). Components read
// it through StoreController, call its actions, and hear of every change by subscribe().
import { dmParts, isSharedDm, privateDm } from '../services/channel-names.js';
import { ChatActions } from './chat-actions.js';
import { ConnectionWatch } from './connection-watch.js';
import { applyFrame, initialState, projectOf } from './frame-reducer.js';
import { LocalEcho } from './local-echo.js';
import { OfflineQueue } from './offline-queue.js';

export class ChatStore extends EventTarget {
  constructor(socket) {
    super();
    this.socket = socket;
    this._state = initialState();
    this._withoutReplies = new WeakMap(); // a bucket's list → its messages without thread replies
    const changed = () => this._changed();
    this._offline = new OfflineQueue(this._state, socket, changed);
    this._actions = new ChatActions(this._state, socket, changed, this._offline);
    this._echo = new LocalEcho(this._state, this._offline, changed, (effect) => this._actions.follow(effect));
    this._watch = new ConnectionWatch(this._state, socket, changed,
      () => this.dispatchEvent(new CustomEvent('signed-out')));
    socket.addEventListener('frame', (event) => this.apply(event.detail));
    socket.addEventListener('reload', () => this._actions.reload());
    // messages that came while the tab was hidden stay unread until the person looks at it
    globalThis.document?.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this._state.user) {
        this.markRead(this.current);
      }
    });
  }

  /** Connects as `user`, opening `channel` (a deep link's) when the server lists it. */
  start(user, { channel } = {}) {
    this._state.user = user;
    if (channel) {
      this._state.current = channel;
    }
    this.socket.connect();
  }

  stop() {
    this.socket.close();
  }

  /** Calls `listener` after changes (a burst of them, once); returns what unsubscribes it. */
  subscribe(listener) {
    this.addEventListener('change', listener);
    return () => this.removeEventListener('change', listener);
  }

  /** Applies a server frame, and does what it asks for (open a channel, mark it read). */
  apply(frame) {
    const arriving = frame.type === 'message.created' && !this.message(frame.message?.message_id) ? frame.message : null;
    const effect = applyFrame(this._state, frame);
    if (arriving) {
      this._actions.reads.arrived(arriving, { read: effect?.markRead === arriving.channel });
    }
    this._changed();
    this._actions.follow(effect);
  }

  // ---- reading

  get user() { return this._state.user; }
  get channels() { return this._state.channels; }
  get current() { return this._state.current; }
  /** A project's workflow (null: the default project's), when its snapshot came. */
  snapshotOf(project) { return this._state.snapshots[project ?? 'default'] ?? null; }
  /** Every project's workflow the person sees, by project. */
  get snapshots() { return this._state.snapshots; }
  /** The workflow of the open channel's project. */
  get snapshot() { return this._state.snapshots[projectOf(this._state, this._state.current)] ?? null; }
  get presence() { return this._state.presence; }
  get approvals() { return this._state.approvals; }
  /** The requests gathered into a flow group's card (the first request's own record aside), oldest first. */
  groupOf(id) { return this._state.groups.get(id); }
  get connection() { return this._state.connection; }
  get connectionProblem() { return this._state.connectionProblem; }
  get editing() { return this._state.editing; }
  get notices() { return this._state.notices; }
  /** What the person did while disconnected, waiting to go out (offline-queue.js). */
  get pending() { return this._offline.items; }

  channel(name = this.current) {
    return this.channels.find((c) => c.name === name);
  }

  /**
   * The channel's loaded messages in seq order (thread replies excluded), then local echoes. The
   * same array until they change (a bucket's list is a new one per change), so the conversation
   * renders again when its messages change, not on every frame of the store.
   */
  messages(name = this.current) {
    const list = this._state.messages.list(name);
    let messages = this._withoutReplies.get(list);
    if (!messages) {
      messages = list.filter((m) => !m.thread_id);
      this._withoutReplies.set(list, messages);
    }
    return messages;
  }

  hasMore(name = this.current) {
    return this._state.messages.bucket(name).hasMore;
  }

  message(id) {
    return this._state.messages.message(id);
  }

  replies(parentId) {
    const parent = this.message(parentId);
    return parent ? this._state.messages.list(parent.channel).filter((m) => m.thread_id === parentId) : [];
  }

  /** The seq the person had read when the channel opened, for the "new since" divider (undefined: none). */
  newSince(name = this.current) {
    return this._actions.reads.newSince.get(name);
  }

  /** Messages mentioning the person not read yet in the channel (since the page opened). */
  mentionCount(name) {
    return this._actions.reads.mentions.get(name) ?? 0;
  }

  typingIn(name = this.current) {
    return (this._state.typing.get(name) ?? []).filter((u) => u !== this.user?.username);
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

  lastOwnMessage(name = this.current) {
    return this.messages(name).filter((m) => m.message_id && !m.deleted_at && m.author_type === 'user'
      && m.author_id === this.user?.username).at(-1);
  }

  // ---- actions (see ChatActions and LocalEcho)

  selectChannel(name) { return this._actions.selectChannel(name); }
  loadOlder(name, options) { return this._actions.loadOlder(name, options); }
  markRead(name) { return this._actions.markRead(name); }
  markAllRead() { return this._actions.reads.markAllRead(); }
  send(content, options) { return this._echo.send(content, options); }
  retry(echo) { return this._echo.retry(echo); }
  discard(echo) { return this._echo.discard(echo); }
  startEditing(messageId) { return this._actions.startEditing(messageId); }
  edit(messageId, content) { return this._actions.edit(messageId, content); }
  remove(messageId) { return this._actions.remove(messageId); }
  react(messageId, reaction) { return this._actions.react(messageId, reaction); }
  pin(messageId, pinned) { return this._actions.pin(messageId, pinned); }
  typingNow(channel) { return this._actions.typingNow(channel); }
  respond(approvalId, action, options) { return this._actions.approvals.respond(approvalId, action, options); }
  respondMany(approvalIds, action, options) { return this._actions.approvals.respondMany(approvalIds, action, options); }
  loadGroup(groupId) { return this._actions.approvals.loadGroup(groupId); }
  complete(text) { return this._actions.complete(text); }
  approval(id, options) { return this._actions.approvals.approval(id, options); }
  loadThread(parentId) { return this._actions.loadThread(parentId); }
  notify(text) { return this._actions.notify(text); }
  cancelPending(id) { return this._offline.cancel(id); }
  confirmPending(id) { return this._offline.confirm(id); }
  retryNow() { return this.socket.retryNow(); }

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
