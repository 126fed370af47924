// Emoji: the picker's data, served by us (never the picker's default CDN), and its database (kept in
// IndexedDB by emoji-picker-element) for `:shortcode:` completion. One Database for the page.
import Database from 'emoji-picker-element/database.js';

export const EMOJI_DATA_SOURCE = '/vendor/emoji-picker-element-data/1.8.0/en/emojibase/data.json';
/** Longer than any shortcode: a longer query is not one, and is never sent to the database. */
const MAX_QUERY_CHARS = 48;

let database = null;

export function emojiDatabase() {
  database ??= new Database({ dataSource: EMOJI_DATA_SOURCE });
  return database;
}

/**
 * The emoji whose shortcode starts with `prefix` ("smi" → 😄 :smile:, 😃 :smiley:, …), the shortest
 * shortcode first: [{ emoji, shortcode }]. Empty for a prefix under two characters or not a shortcode's.
 */
export async function emojiByShortcodePrefix(prefix, limit = 8) {
  const query = String(prefix).toLowerCase();
  if (query.length < 2 || query.length > MAX_QUERY_CHARS || !/^[a-z0-9_+-]+$/.test(query)) {
    return [];
  }
  let found;
  try {
    found = await emojiDatabase().getEmojiBySearchQuery(query);
  } catch {
    return []; // no IndexedDB (a private window in some browsers): no completion, the text stays
  }
  return found
    .map((e) => ({ emoji: e.unicode, shortcode: (e.shortcodes ?? []).filter((s) => s.startsWith(query))
      .sort((a, b) => a.length - b.length)[0], order: e.order }))
    .filter((e) => e.emoji && e.shortcode)
    .sort((a, b) => a.shortcode.length - b.shortcode.length || a.order - b.order)
    .slice(0, limit);
}
