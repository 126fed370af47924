// What the boards read from a project's snapshot (docs/protocol.md, workflow.snapshot): its
// stories, its sprint's progress, each story's TDD phase, and what the page knows about it.
import { projectOf } from './frame-reducer.js';
import { tddMoves } from './tdd-evidence.js';

const DAY = 24 * 60 * 60 * 1000;

/** The sprint board's columns, in order; backlog is shown aside. */
export const COLUMNS = [
  ['planned', 'Planned'], ['in_progress', 'In progress'], ['review', 'Review'], ['done', 'Done'],
];

/** A TDD phase as a short word people use (red, green, refactor), never colour alone. */
const PHASES = {
  DESIGN: 'design', TEST_RED: 'red', CODE_GREEN: 'green', REFACTOR: 'refactor', COMMIT: 'committed',
};

export function phaseWord(phase) {
  return PHASES[phase] ?? String(phase ?? '').toLowerCase();
}

/** The projects the person sees, the default one first, then by name. */
export function projectNames(store) {
  return Object.keys(store.snapshots ?? {})
    .sort((a, b) => (b === 'default') - (a === 'default') || a.localeCompare(b));
}

/** The channel a project is bound to (the default project's: #workflow when there is one), or null. */
export function boundChannel(store, project) {
  const bound = store.channels.find((c) => c.project === project);
  if (bound || project !== 'default') {
    return bound?.name ?? null;
  }
  return store.channels.find((c) => c.name === 'workflow')?.name ?? null;
}

/** The project the open channel acts on. */
export function openProject(store) {
  return projectOf({ channels: store.channels }, store.current);
}

export function stories(snapshot) {
  return snapshot?.work?.stories ?? [];
}

/** The sprint's stories (its story_ids), and the backlog's. */
export function sprintStories(snapshot) {
  const ids = new Set(snapshot?.sprint?.story_ids ?? []);
  return stories(snapshot).filter((s) => ids.has(s.id));
}

export function backlogStories(snapshot) {
  return stories(snapshot).filter((s) => s.status === 'backlog');
}

/** {day, days, pointsDone, pointsPlanned, storiesDone, storiesPlanned} of the sprint, or null without one. */
export function sprintProgress(snapshot, now = Date.now()) {
  const sprint = snapshot?.sprint;
  if (!sprint) {
    return null;
  }
  const planned = sprintStories(snapshot);
  const done = planned.filter((s) => s.status === 'done');
  const started = sprint.started_at ? new Date(sprint.started_at).getTime() : null;
  const day = started ? Math.min(sprint.days, Math.max(1, Math.floor((now - started) / DAY) + 1)) : 0;
  return {
    day,
    days: sprint.days,
    pointsDone: done.reduce((sum, s) => sum + (s.points ?? 0), 0),
    pointsPlanned: sprint.planned_points ?? planned.reduce((sum, s) => sum + (s.points ?? 0), 0),
    storiesDone: done.length,
    storiesPlanned: (sprint.story_ids ?? []).length,
  };
}

/** "day 2 of 14" or "not started". */
export function dayText(progress) {
  return progress.day ? `day ${progress.day} of ${progress.days}` : `not started (${progress.days} days)`;
}

/** The story's TDD phase (e.g. TEST_RED), or null when it has no cycle. */
export function phaseOf(snapshot, storyId) {
  return snapshot?.tdd_cycles?.[storyId] ?? null;
}

export function openCycles(snapshot) {
  return Object.values(snapshot?.tdd_cycles ?? {}).filter((phase) => phase !== 'COMMIT').length;
}

/** Whether an approval belongs to the project (requests naming none belong to the default one). */
export function inProject(approval, project) {
  return (approval.project ?? 'default') === project;
}

export function pendingIn(store, project) {
  return store.pendingApprovals().filter((a) => inProject(a, project));
}

/** The approvals about a story of the project (its context's story_id), newest first. */
export function approvalsAbout(store, project, storyId) {
  const id = String(storyId).toUpperCase();
  return [...store.approvals.values()]
    .filter((a) => inProject(a, project) && String(a.context?.story_id ?? '').toUpperCase() === id)
    .sort((x, y) => String(y.requested_at).localeCompare(String(x.requested_at)));
}

/** The agents at work on the project's board. */
export function agentsAtWork(snapshot) {
  return snapshot?.active_agents ?? [];
}

/**
 * What the page knows of a story's TDD cycle, oldest first: its last TDD moves with their evidence
 * (the snapshot's `tdd_moves`), the workflow transitions that name it (the history's commands and
 * notes) and the agents' activity on it. `/tdd logs <story>` answers with the older moves.
 */
export function storyTimeline(snapshot, storyId) {
  const mentions = new RegExp(`\\b${storyId.replace(/[^A-Za-z0-9]/g, '')}\\b`, 'i');
  const cycle = tddMoves(snapshot, storyId)
    .map((m) => ({ at: m.at, text: `TDD ${m.from ? `${m.from} → ` : ''}${m.to}`, by: m.by ?? '', move: m }));
  const moves = (snapshot?.history ?? [])
    .filter((t) => mentions.test(`${t.command ?? ''} ${t.note ?? ''}`))
    .map((t) => ({ at: t.at, text: `${t.from} → ${t.to}`, by: `${t.command} · ${t.by}` }));
  const work = (snapshot?.agents ?? []).filter((a) => a.story_id === storyId)
    .map((a) => ({ at: a.at, text: `${a.agent}: ${a.action}`, by: a.status }));
  return [...cycle, ...moves, ...work].sort((x, y) => String(x.at).localeCompare(String(y.at)));
}
