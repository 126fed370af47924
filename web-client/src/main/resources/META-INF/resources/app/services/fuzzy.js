// A fuzzy match for the quick switcher: the query's letters in order anywhere in the text ("gnrl"
// finds "general"), ranked so that a run of letters, a word's start and an early match come first.

/** A score (higher is better), or -1 when the text does not hold the query's letters in order. */
export function fuzzyScore(text, query) {
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase().replace(/\s+/g, '');
  if (!needle) {
    return 0;
  }
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const letter of needle) {
    const at = haystack.indexOf(letter, from);
    if (at < 0) {
      return -1;
    }
    score += at === previous + 1 ? 5 : 1; // a run
    if (at === 0 || /[\s:_-]/.test(haystack[at - 1])) {
      score += 3; // a word's start
    }
    previous = at;
    from = at + 1;
  }
  return score - haystack.indexOf(needle[0]) * 0.1;
}

/** The items whose `text(item)` matches, best first; all of them, in order, for an empty query. */
export function fuzzyFilter(items, query, text) {
  return items.map((item, index) => ({ item, index, score: fuzzyScore(text(item), query) }))
    .filter((entry) => entry.score >= 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}
