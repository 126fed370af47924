// What a person wrote and has not sent: a draft per channel (and per thread), kept in this browser
// across channel switches and reloads, cleared on send; and quotes a message asks its composer to take.
import { MAX_MESSAGE_CHARS } from '../services/limits.js';

const PREFIX = 'wfchat.draft:';
const INDEX = 'wfchat.drafts:';
/** Drafts kept per person; the oldest goes first. Each is cut at a message's length. */
const MAX_DRAFTS = 20;
const QUOTED_LINES = 3;
const QUOTED_LINE_CHARS = 200;

function keyOf(user, channel, threadId) {
  return `${PREFIX}${user}:${channel}${threadId ? `/${threadId}` : ''}`;
}

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage refused (some private windows): no drafts, nothing breaks
  }
}

export function loadDraft(user, channel, threadId) {
  if (!user || !channel) {
    return '';
  }
  return read(keyOf(user, channel, threadId)) ?? '';
}

/** Keeps `text` as the draft of the channel or thread; an empty text forgets it. */
export function saveDraft(user, channel, threadId, text) {
  if (!user || !channel) {
    return;
  }
  const key = keyOf(user, channel, threadId);
  let keys;
  try {
    keys = JSON.parse(read(INDEX + user) ?? '[]').filter((k) => typeof k === 'string' && k.startsWith(PREFIX + user + ':'));
  } catch {
    keys = [];
  }
  keys = keys.filter((k) => k !== key);
  try {
    if (text) {
      keys.push(key);
      while (keys.length > MAX_DRAFTS) {
        localStorage.removeItem(keys.shift());
      }
      localStorage.setItem(key, String(text).slice(0, MAX_MESSAGE_CHARS));
    } else {
      localStorage.removeItem(key);
    }
    localStorage.setItem(INDEX + user, JSON.stringify(keys));
  } catch {
    // storage full or refused: this draft lives only as long as the page
  }
}

const quotes = new EventTarget();

/** Asks the composer of the message's conversation (its thread's, for a reply) to quote it. */
export function quoteMessage(message, { inThread }) {
  const lines = String(message.content ?? '').split('\n').filter((line) => line.trim());
  const shown = lines.slice(0, QUOTED_LINES).map((line) => (line.length > QUOTED_LINE_CHARS
    ? `${line.slice(0, QUOTED_LINE_CHARS)}…` : line));
  if (lines.length > QUOTED_LINES) {
    shown.push('…');
  }
  const author = message.author_name ?? message.author_id ?? 'someone';
  const text = [`${author} wrote:`, ...shown].map((line) => `> ${line}`).join('\n');
  const threadId = inThread ? (message.thread_id ?? message.message_id) : null;
  quotes.dispatchEvent(new CustomEvent('quote', { detail: { channel: message.channel, threadId, text } }));
}

/** Calls `listener({channel, threadId, text})` for each quote asked for; returns what stops it. */
export function onQuote(listener) {
  const handler = (event) => listener(event.detail);
  quotes.addEventListener('quote', handler);
  return () => quotes.removeEventListener('quote', handler);
}
