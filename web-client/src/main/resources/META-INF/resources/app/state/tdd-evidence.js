/**
 * What the snapshot's `tdd_moves` says of a story's TDD cycle: its last moves with their evidence
 * (tests, commit, CI, a link), as words a board shows beside the phase (never colour alone).
 */

/** The story's last TDD moves, oldest first (up to five; `/tdd logs` has the rest). */
export function tddMoves(snapshot, storyId) {
  return snapshot?.tdd_moves?.[storyId] ?? [];
}

/** Whether a move brought anything to show: a test run, a commit, a CI outcome or a link. */
export function hasEvidence(move) {
  return Boolean(move?.tests || move?.commit || move?.ci || move?.url);
}

/** The newest move of the story that brought evidence, or null. */
export function lastEvidence(snapshot, storyId) {
  return [...tddMoves(snapshot, storyId)].reverse().find(hasEvidence) ?? null;
}

/** A test run as words: "41 passed, 1 failed, 2 skipped". */
export function testsText(tests) {
  if (!tests) {
    return '';
  }
  const parts = [`${tests.passed ?? '?'} passed`, `${tests.failed ?? '?'} failed`];
  if (tests.skipped) {
    parts.push(`${tests.skipped} skipped`);
  }
  return parts.join(', ');
}

/** Whether the evidence says something is failing (tests or CI), for the card's marker. */
export function failing(move) {
  return Boolean((move?.tests?.failed ?? 0) > 0 || move?.ci === 'failed');
}

/** The evidence of a move as short parts: tests, "CI passed", the commit's first 7 digits. */
export function evidenceParts(move) {
  const parts = [];
  if (move?.tests) {
    parts.push(`tests ${testsText(move.tests)}`);
  }
  if (move?.ci) {
    parts.push(`CI ${move.ci}`);
  }
  if (move?.commit) {
    parts.push(`commit ${move.commit.slice(0, 7)}`);
  }
  return parts;
}

/** The move's link when it is a web address (the service accepts only http(s); checked again here). */
export function evidenceLink(move) {
  return /^https?:\/\//i.test(move?.url ?? '') ? move.url : null;
}
