// What the composer suggests while a person types: "/" commands (the server's), ":smi" emoji by
// shortcode (the emoji picker's database), "@co" people and agents. One list at a time; the
// composer shows it (suggestion-list) and hands it the keys (↑/↓ move, Enter/Tab insert, Esc closes).
import { api } from '../services/api.js';
import { loadEmojiSearch } from '../services/later-modules.js';

const SHORTCODE = /(^|\s):([a-z0-9_+-]{2,48})$/i;
const MENTION = /(^|\s)@([a-z0-9_.-]{0,64})$/i;
const LIMIT = 8;

let people = null; // everyone with an account, asked once a page

function knownPeople() {
  people ??= api.users().catch(() => { people = null; return []; });
  return people;
}

export class Completions {
  /** `host` re-renders when the list changes; `store` answers commands and knows agents and authors. */
  constructor(host, store) {
    this.host = host;
    this.store = store;
    this.items = [];
    this.active = 0;
    this._asked = 0;
  }

  get open() {
    return this.items.length > 0;
  }

  get label() {
    return { command: 'Commands', emoji: 'Emoji', mention: 'People and agents' }[this._kind] ?? 'Suggestions';
  }

  /** The text changed (the caret at `caret`): suggest what fits, or nothing. */
  async update(text, caret = text.length) {
    const asked = ++this._asked;
    const before = text.slice(0, caret);
    let found = [];
    let kind = null;
    let start = 0;
    if (text.startsWith('/') && !text.includes('\n')) {
      kind = 'command';
      found = (await this.store.complete(text)).slice(0, 10).map((s) => ({ ...s, insert: `${s.text}${s.text.endsWith(' ') ? '' : ' '}` }));
      start = 0;
    } else if (SHORTCODE.test(before)) {
      const [whole, space, code] = SHORTCODE.exec(before);
      kind = 'emoji';
      start = caret - whole.length + space.length;
      const search = await loadEmojiSearch().catch(() => null); // not here (the network went): no completion this time
      found = (search ? await search.emojiByShortcodePrefix(code, LIMIT) : [])
        .map((e) => ({ emoji: e.emoji, text: `:${e.shortcode}:`, insert: e.emoji }));
    } else if (MENTION.test(before)) {
      const [whole, space, name] = MENTION.exec(before);
      kind = 'mention';
      start = caret - whole.length + space.length;
      found = await this._mentionable(name.toLowerCase());
    }
    if (asked !== this._asked) {
      return; // a later keystroke asked again meanwhile
    }
    this._kind = kind;
    this._range = { start, end: kind === 'command' ? text.length : caret };
    this.items = found;
    this.active = 0;
    this.host.requestUpdate();
  }

  async _mentionable(prefix) {
    const agents = new Map();
    for (const a of this.store.agents()) {
      agents.set(a.agent, { text: `@${a.agent}`, description: 'agent', name: a.agent });
    }
    const users = new Map();
    for (const u of await knownPeople()) {
      users.set(u.username, { text: `@${u.username}`, description: u.display_name ?? '', name: u.username });
    }
    for (const m of this.store.messages()) {
      if (m.author_type === 'agent' && !agents.has(m.author_id)) {
        agents.set(m.author_id, { text: `@${m.author_id}`, description: 'agent', name: m.author_id });
      } else if (m.author_type === 'user' && !users.has(m.author_id)) {
        users.set(m.author_id, { text: `@${m.author_id}`, description: m.author_name ?? '', name: m.author_id });
      }
    }
    const me = this.store.user?.username;
    return [...agents.values(), ...[...users.values()].filter((u) => u.name !== me)]
      .filter((c) => c.name.toLowerCase().startsWith(prefix) || c.description.toLowerCase().startsWith(prefix))
      .sort((a, b) => a.name.length - b.name.length || a.name.localeCompare(b.name))
      .slice(0, LIMIT)
      .map((c) => ({ ...c, insert: `@${c.name} ` }));
  }

  close() {
    this._asked++;
    this.items = [];
    this.host.requestUpdate();
  }

  /** A key in the text box: 'pick' (insert the active one), true (the list used it), false (not its key). */
  key(event) {
    if (!this.open || event.isComposing) {
      return false;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.items.length) % this.items.length;
      this.host.requestUpdate();
      return true;
    }
    if (event.key === 'Escape') {
      this.close(); // the list closes; the text stays as typed
      return true;
    }
    // Enter sends a command as typed (the server completes it); for emoji and names it inserts
    const picks = event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey && this._kind !== 'command');
    return picks ? 'pick' : false;
  }

  /** The text with the suggestion at `index` in place of what it completes, and where the caret goes. */
  apply(text, index = this.active) {
    const item = this.items[index];
    if (!item) {
      return null;
    }
    const { start, end } = this._range;
    const next = text.slice(0, start) + item.insert + text.slice(end);
    this.close();
    return { text: next, caret: start + item.insert.length };
  }
}
