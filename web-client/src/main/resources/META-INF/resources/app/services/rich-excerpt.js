// A message shown outside the conversation (a search result, a pin): its Markdown rendered and
// sanitised exactly as in the conversation (markdown.js), shortened, and the searched words marked.
import { renderMarkdown } from './markdown.js';

const LONGEST = 300;

/** The words of a search that are marked (letters, digits, _ and -; two characters or more). */
export function searchWords(query) {
  return String(query ?? '').split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}_-]/gu, '')).filter((w) => w.length > 1);
}

/**
 * The message's content as a fragment to put in the page: sanitised HTML, the words of `query`
 * wrapped in <mark> by the DOM (text stays text). A long one is cut around its first match.
 */
export function richExcerpt(content, query = '') {
  const template = document.createElement('template');
  template.innerHTML = renderMarkdown(excerpt(content ?? '', query));
  const terms = searchWords(query);
  if (terms.length) {
    const pattern = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\w*`, 'giu');
    const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) {
      texts.push(walker.currentNode);
    }
    texts.forEach((node) => markIn(node, pattern));
  }
  return template.content;
}

function markIn(node, pattern) {
  const text = node.nodeValue;
  const matches = [...text.matchAll(pattern)];
  if (!matches.length) {
    return;
  }
  const parts = document.createDocumentFragment();
  let last = 0;
  for (const match of matches) {
    const mark = document.createElement('mark');
    mark.textContent = match[0];
    parts.append(text.slice(last, match.index), mark);
    last = match.index + match[0].length;
  }
  parts.append(text.slice(last));
  node.replaceWith(parts);
}

function excerpt(text, query) {
  if (text.length <= LONGEST) {
    return text;
  }
  const first = searchWords(query).map((w) => text.toLowerCase().indexOf(w.toLowerCase())).filter((i) => i >= 0);
  const start = Math.max(0, (first.length ? Math.min(...first) : 0) - 100);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + LONGEST)}…`;
}
