// The one model of an agent's presence for the whole page: the sidebar, the Context tab and the
// agent board read it here, so they never disagree. Status comes from `presence` (agent.status),
// what it works on from the snapshots' activity boards (agent.activity), and who waits on the
// person from the pending approvals.

/** Each status as text and a shape, never colour alone; busy is work, not an error. */
export const STATUSES = {
  online: { label: 'Online', shape: '●' },
  busy: { label: 'Busy', shape: '◆' },
  idle: { label: 'Idle', shape: '◐' },
  offline: { label: 'Offline', shape: '○' },
};

// what this page has seen: when each agent's status last changed (for a server that does not say
// status_since), and its last failure
const seen = new Map();
const failures = new Map();

/** One of online, busy, idle, offline (anything else, or no word at all, is offline). */
export function statusOf(presence) {
  return STATUSES[presence?.status] ? presence.status : 'offline';
}

/** {status, label, shape} of an agent's presence record. */
export function statusView(presence) {
  const status = statusOf(presence);
  return { status, ...STATUSES[status] };
}

/** Whether the person may decide approvals at all. */
export function mayDecide(user) {
  const roles = user?.roles ?? [];
  return roles.includes('approver') || roles.includes('admin');
}

/** The pending approvals the agent asked for that the person can decide (not their own, not voted yet). */
export function waitingOn(store, agent) {
  if (!mayDecide(store.user)) {
    return [];
  }
  const me = store.user?.username;
  return store.pendingApprovals().filter((a) => a.requested_by === agent && a.requested_by !== me
    && !(a.votes ?? []).some((v) => v.by === me));
}

/** Every activity the snapshots hold for the agent, latest first (one per project board). */
function activitiesOf(store, agent) {
  return Object.values(store.snapshots ?? {})
    .flatMap((s) => (s.agents ?? []).map((a) => ({ ...a, project: a.project ?? s.project })))
    .filter((a) => a.agent === agent)
    .sort((x, y) => String(y.at).localeCompare(String(x.at)));
}

/** An agent as every view shows it. */
export function agentModel(store, agent, now = Date.now()) {
  const presence = store.presence.get(agent);
  const view = statusView(presence);
  const known = seen.get(agent);
  if (!known || known.status !== view.status) {
    // a server before status_since: when this page saw the change, or its last word about the agent
    seen.set(agent, { status: view.status, since: known ? new Date(now).toISOString() : presence?.last_seen_at ?? null });
  }
  const activities = activitiesOf(store, agent);
  const failed = activities.find((a) => a.status === 'failed');
  if (failed && String(failed.at) > String(failures.get(agent)?.at ?? '')) {
    failures.set(agent, failed);
  }
  const current = activities.find((a) => a.status === 'started' || a.status === 'queued');
  return {
    agent,
    ...view,
    task: presence?.task ?? current?.action ?? null,
    detail: presence?.detail ?? null,
    story: current?.story_id ?? null,
    project: current?.project ?? null,
    // the server's: when the status began, the same on every page and after a reload
    since: presence?.status_since ?? seen.get(agent).since,
    lastActivity: activities[0] ?? null,
    lastError: failures.get(agent) ?? null,
    waiting: waitingOn(store, agent),
  };
}

/** The agents known from presence and the activity boards: those waiting on the person first, then by name. */
export function agentBoard(store, now = Date.now()) {
  const names = new Set(store.presence.keys());
  Object.values(store.snapshots ?? {}).forEach((s) => (s.agents ?? []).forEach((a) => names.add(a.agent)));
  return [...names].map((agent) => agentModel(store, agent, now))
    .sort((x, y) => (y.waiting.length > 0) - (x.waiting.length > 0) || x.agent.localeCompare(y.agent));
}
