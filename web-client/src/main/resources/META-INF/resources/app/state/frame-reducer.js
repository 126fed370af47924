// What the server said, applied to the state: the ready frame, then every change. What a frame
// asks the page to do in turn (load the open channel, mark it read) is returned, not done here.
import { dmParts } from '../services/channel-names.js';
import { channelUpdated, userUpdated } from './directory-frames.js';
import { MessageBuckets } from './message-buckets.js';

/** The state before the server has said anything (and the page's own parts of it). */
export function initialState() {
  return {
    user: null,
    channels: [],
    current: 'general',
    // the workflow of each project, by project ('default' for channels bound to none)
    snapshots: {},
    presence: new Map(),
    approvals: new Map(),
    // flow groups: the first request's id → the other requests gathered into its card, oldest first
    groups: new Map(),
    typing: new Map(),
    messages: new MessageBuckets(),
    // the page's own, not the server's
    connection: 'idle',
    connectionProblem: null,
    editing: null,
    notices: [],
  };
}

/**
 * Applies one server frame. Returns what the page should do next: `{ select: channel }` to open
 * and load it (a first ready), `{ markRead: channel }` (a message arrived in the channel on screen),
 * `{ loadGroup: id }` (a request joined a flow group: the group's card lists them all), or null.
 */
export function applyFrame(state, frame, { visible = isVisible() } = {}) {
  switch (frame.type) {
    case 'ready': return ready(state, frame);
    case 'message.created': return created(state, frame.message, visible);
    case 'message.edited':
    case 'message.pinned':
    case 'message.unpinned':
      state.messages.put(frame.message, true);
      return null;
    case 'message.deleted': return deleted(state, frame);
    case 'reaction.updated':
      state.messages.patch(frame.message_id, { reactions: frame.reactions });
      return null;
    case 'reaction.added': return reacted(state, frame, true);
    case 'reaction.removed': return reacted(state, frame, false);
    case 'typing':
      state.typing.set(frame.channel, frame.users ?? []);
      return null;
    case 'unread': return unread(state, frame);
    case 'presence':
      (frame.agents ?? []).forEach((agent) => state.presence.set(agent.agent, agent));
      return null;
    case 'approval.requested':
      keepApproval(state, frame.approval);
      return joinsGroup(frame.approval) ? { loadGroup: frame.approval.group_id } : null;
    case 'approval.decided':
    case 'approval.updated':
      keepApproval(state, frame.approval);
      return null;
    case 'channel.updated': return channelUpdated(state, frame);
    case 'user.updated': return userUpdated(state, frame);
    case 'workflow.state':
      keepSnapshot(state, frame.snapshot);
      return null;
    default:
      return null;
  }
}

/**
 * Keeps an approval's record, and its place in its flow group. A group's list is a new array
 * whenever one of its requests changes, so a card that shows the group sees the change.
 */
export function keepApproval(state, approval) {
  state.approvals.set(approval.approval_id, approval);
  const group = approval.group_id;
  if (!group || group === approval.approval_id) {
    return;
  }
  const others = (state.groups.get(group) ?? []).filter((a) => a.approval_id !== approval.approval_id);
  state.groups.set(group, [...others, approval]
    .sort((x, y) => String(x.requested_at).localeCompare(String(y.requested_at))));
}

/** A request gathered into another one's card (flow mode); the first of a group has its own card. */
function joinsGroup(approval) {
  return Boolean(approval.group_id) && approval.group_id !== approval.approval_id;
}

/** The person's own DM with an agent (it need not exist yet: its first message makes it). */
export function isOwnDm(state, name) {
  return dmParts(name)?.person === state.user?.username;
}

/** The workflow a channel shows: its bound project's, else the default project's. */
export function projectOf(state, name) {
  return state.channels.find((c) => c.name === name)?.project ?? 'default';
}

function keepSnapshot(state, snapshot) {
  if (snapshot?.project) {
    state.snapshots = { ...state.snapshots, [snapshot.project]: snapshot };
  }
}

export function updateChannel(state, name, fields) {
  state.channels = state.channels.map((c) => (c.name === name ? { ...c, ...fields } : c));
}

/**
 * A message the server stored. The same message may come twice (the sender's ack and the
 * broadcast, whichever is first): only the first counts for replies and unread counts.
 */
export function created(state, message, visible = isVisible()) {
  const known = state.messages.message(message.message_id);
  state.messages.put(message);
  if (known) {
    return null;
  }
  settleFailedEcho(state, message);
  if (message.author_type === 'system' && message.metadata?.type === 'project_bound') {
    // the channel was bound to a project (or unbound): its commands and workflow follow
    updateChannel(state, message.channel, { project: message.metadata.project ?? null });
  }
  if (message.thread_id) {
    const parent = state.messages.message(message.thread_id);
    if (parent) {
      state.messages.patch(parent.message_id, { reply_count: (parent.reply_count ?? 0) + 1 });
    }
  }
  const channel = state.channels.find((c) => c.name === message.channel);
  if (channel) {
    updateChannel(state, channel.name, { last_seq: Math.max(channel.last_seq ?? 0, message.seq) });
    const mine = message.author_type === 'user' && message.author_id === state.user?.username;
    if (message.channel === state.current && visible) {
      return { markRead: message.channel };
    }
    if (!mine && !message.thread_id) {
      updateChannel(state, channel.name, { unread: (channel.unread ?? 0) + 1 });
    }
  } else if (dmParts(message.channel)) { // a DM's first message made it
    const seen = message.channel === state.current || message.author_id === state.user?.username;
    state.channels = [...state.channels, { name: message.channel, kind: 'dm', unread: seen ? 0 : 1,
      last_seq: message.seq, last_read_seq: seen ? message.seq : 0 }];
  }
  return null;
}

/**
 * What happened in channels the page doesn't look at (it told the server which one it does): new
 * messages to count, and how far each channel has gone. A mention among them came in full as well.
 */
function unread(state, frame) {
  for (const [name, news] of Object.entries(frame.channels ?? {})) {
    const channel = state.channels.find((c) => c.name === name);
    if (channel && name !== state.current) {
      updateChannel(state, name, { unread: (channel.unread ?? 0) + (news.count ?? 0),
        last_seq: Math.max(channel.last_seq ?? 0, news.latest_seq ?? 0) });
    }
  }
  return null;
}

function ready(state, frame) {
  state.user = frame.user;
  state.channels = frame.channels ?? [];
  (frame.approvals ?? []).forEach((a) => keepApproval(state, a));
  (frame.presence?.agents ?? []).forEach((agent) => state.presence.set(agent.agent, agent));
  keepSnapshot(state, frame.snapshot);
  Object.values(frame.snapshots ?? {}).forEach((snapshot) => keepSnapshot(state, snapshot));
  const known = state.channels.some((c) => c.name === state.current);
  if (!known && !isOwnDm(state, state.current) && state.channels.length) {
    state.current = state.channels[0].name;
  }
  return frame.reconnected ? null : { select: state.current };
}

/** A send whose answer was lost with the connection, found stored after all: no longer "not sent". */
function settleFailedEcho(state, message) {
  if (message.author_type !== 'user' || message.author_id !== state.user?.username) {
    return;
  }
  const echo = state.messages.failedEchoOf(message);
  if (echo) {
    state.messages.dropEcho(echo);
  }
}

function deleted(state, frame) {
  const reply = state.messages.message(frame.message_id);
  if (reply?.thread_id && !reply.deleted_at) {
    const parent = state.messages.message(reply.thread_id);
    if (parent) {
      state.messages.patch(parent.message_id, { reply_count: Math.max(0, (parent.reply_count ?? 0) - 1) });
    }
  }
  state.messages.patch(frame.message_id, { deleted_at: frame.deleted_at ?? new Date().toISOString(), content: '',
    attachments: [] });
  return null;
}

/**
 * One person's reaction added or removed. Applied as a set change, so a delta that a copy
 * fetched later already holds changes nothing; the socket drops a seq seen twice.
 */
function reacted(state, frame, added) {
  const message = state.messages.message(frame.message_id);
  if (!message) {
    return null; // not loaded: history brings its reactions when it is
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
  state.messages.patch(frame.message_id, { reactions });
  return null;
}

function isVisible() {
  return globalThis.document?.visibilityState === 'visible';
}
