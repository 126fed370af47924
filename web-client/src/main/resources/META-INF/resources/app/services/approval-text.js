// How an approval's record reads in words: who decided it, what its silence does, how far its
// quorum is, what a standing rule made from it would cover. Shared by the single and the group card.

export const RISKS = ['low', 'medium', 'high', 'critical'];

/** The record's risk, `medium` when it names none or one this client does not know. */
export function riskOf(approval) {
  return RISKS.includes(approval?.risk) ? approval.risk : 'medium';
}

/** "1 of 2 approvals", or null for a request one approval decides. */
export function quorumText(approval) {
  const required = approval?.required_approvals ?? 1;
  if (!(required > 1)) {
    return null;
  }
  return `${votesOf(approval).length} of ${required} approvals`;
}

export function votesOf(approval) {
  return Array.isArray(approval?.votes) ? approval.votes : [];
}

/** Whether the person already gave one of the votes a quorum waits for (a second one would be refused). */
export function hasVoted(approval, username) {
  return Boolean(username) && votesOf(approval).some((vote) => vote.by === username);
}

/** What happens when nobody decides in time: "then rejected" / "then approved (low risk)". */
export function expiryOutcome(approval) {
  return approval?.on_expiry === 'approve' ? 'then approved (low risk)' : 'then rejected';
}

/**
 * Who decided, plainly: a person ("by alice"), the project's mode, a standing rule, the clock, or
 * the agent withdrawing its request. `decided_by` is a username, `policy:<mode>`, `rule:<id>` or
 * `system`; anything else is shown as a name.
 */
export function decidedByText(approval) {
  const by = String(approval?.decided_by ?? '');
  const outcome = approval?.status === 'rejected' ? 'rejected' : 'approved';
  if (approval?.status === 'expired') {
    return 'No decision in time: rejected on expiry';
  }
  if (approval?.status === 'cancelled') {
    return `Withdrawn by ${approval.requested_by ?? 'the agent'}`;
  }
  if (by.startsWith('policy:')) {
    return `Auto-${outcome} by policy (${by.slice('policy:'.length)} mode)`;
  }
  if (by.startsWith('rule:')) {
    return `${capitalise(outcome)} by standing rule ${approval.rule_id ?? by.slice('rule:'.length)}`;
  }
  if (by === 'system') {
    return approval.status === 'approved' ? 'Approved on expiry' : `${capitalise(outcome)} by the system`;
  }
  return `by ${by || 'someone'}`;
}

/**
 * The number of the sprint running in a project's snapshot; null when none runs (none planned, or
 * in review or closed), undefined when the snapshot is not known here.
 */
export function runningSprint(snapshot) {
  if (!snapshot) {
    return undefined;
  }
  const sprint = snapshot.sprint;
  return sprint && Number.isInteger(sprint.number) && !['review', 'closed'].includes(sprint.status) ? sprint.number : null;
}

/**
 * The start of a command a standing rule would cover: its first word, and the second when that is a
 * plain sub-command ("git push origin main" → "git push", "rm -rf build" → "rm").
 */
export function commandPrefix(command) {
  const words = String(command ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) {
    return '';
  }
  return /^[A-Za-z][\w.-]*$/.test(words[1] ?? '') ? `${words[0]} ${words[1]}` : words[0];
}

/** Why a prefix would be refused (the server's rule: 2–200 characters, a letter or digit, no `*`), or null. */
export function prefixProblem(prefix) {
  if (prefix.length < 2 || prefix.length > 200) {
    return 'A command prefix is 2 to 200 characters.';
  }
  if (!/[\p{L}\p{N}]/u.test(prefix)) {
    return 'A command prefix needs a letter or digit.';
  }
  return prefix.includes('*') ? 'A command prefix is matched as written: no *.' : null;
}

function capitalise(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * What became of a decided request, said once, as the card's title: "✅ Approved by alice",
 * "✏️ Modified and approved by alice", "❌ Rejected by bob", "⌛ Expired: no decision in time".
 */
export function outcomeHeading(approval) {
  const by = decidedByText(approval);
  const person = by.startsWith('by ');
  switch (approval?.status) {
    case 'approved':
      if (approval.modifications) {
        return `✏️ Modified and approved${person ? ` ${by}` : ''}`;
      }
      return `✅ ${person ? `Approved ${by}` : by}`;
    case 'rejected': return `❌ ${person ? `Rejected ${by}` : by}`;
    case 'expired': return '⌛ Expired: no decision in time';
    case 'cancelled': return `🚫 ${by}`;
    default: return String(approval?.status ?? '');
  }
}

/**
 * The share of its lifetime a pending request has left (1 when just asked, 0 at expiry), or null
 * when its times are not known.
 */
export function lifeLeft(approval, now = Date.now()) {
  const from = new Date(approval?.requested_at).getTime();
  const to = new Date(approval?.expires_at).getTime();
  if (!(to > from)) {
    return null;
  }
  return Math.max(0, Math.min(1, (to - now) / (to - from)));
}

/** Whether a pending request is in the last 20% of its lifetime: it must not be missed. */
export function expiresSoon(approval, now = Date.now()) {
  const left = lifeLeft(approval, now);
  return approval?.status === 'pending' && left !== null && left <= 0.2;
}
