// Markdown → HTML → sanitised HTML. Every piece of user or agent text the app shows as rich
// text goes through render(); everything else is bound as plain text by Lit.
import { Marked } from 'marked';
import DOMPurify from 'dompurify';
import { loadHighlighter } from './later-modules.js';

/** A fence's language longer than this is not one anybody names: cut for its label. */
const MAX_LANGUAGE_CHARS = 24;
const MENTION = /^@([a-z0-9][a-z0-9_.-]{0,63})/i;

const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    code({ text, lang }) {
      const language = (lang || '').split(/\s/)[0].slice(0, MAX_LANGUAGE_CHARS);
      const label = language ? `<span class="code-lang">${escapeHtml(language)}</span>` : '';
      return `<pre class="code-block">${label}${codeHtml(text, language)}</pre>`;
    },
    // Raw HTML in a message is shown as the text it is, never interpreted.
    html({ text }) {
      return escapeHtml(text);
    },
  },
  extensions: [{
    name: 'mention',
    level: 'inline',
    start: (src) => src.match(/(^|\s)@[a-z0-9]/i)?.index,
    tokenizer(src) {
      const match = MENTION.exec(src);
      return match ? { type: 'mention', raw: match[0], name: match[1] } : undefined;
    },
    renderer: (token) => `<span class="mention" data-mention="${escapeHtml(token.name)}">@${escapeHtml(token.name)}</span>`,
  }],
});

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  // a code block scrolls sideways on a phone: reachable by keyboard, so its lines can be scrolled
  // without a mouse (axe: scrollable-region-focusable). Set here, never taken from the text.
  if (node.tagName === 'CODE' && node.parentElement?.classList.contains('code-block')) {
    node.setAttribute('tabindex', '0');
  }
});

const ALLOWED = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input'],
  ALLOWED_ATTR: ['href', 'title', 'class', 'data-mention', 'type', 'checked', 'disabled', 'start'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/|#)/i,
  FORBID_ATTR: ['style'],
};

// highlight.js (its core and 15 languages, the largest library the app has) is no part of a first
// load: the first code block shown asks for it and stays plain until it is there (highlightPlainCode).
let highlighter = null;

function codeHtml(text, language) {
  if (highlighter) {
    return `<code class="hljs">${highlighter.highlight(text, language)}</code>`;
  }
  loadHighlighter().then((module) => { highlighter = module; }).catch(() => {});
  return `<code class="hljs plain">${escapeHtml(text)}</code>`;
}

/** Highlights the code blocks under `root` rendered before highlight.js was loaded; safe to call after every update. */
export async function highlightPlainCode(root) {
  if (!root.querySelector('pre.code-block code.plain')) {
    return;
  }
  highlighter ??= await loadHighlighter();
  for (const code of root.querySelectorAll('pre.code-block code.plain')) {
    const language = code.parentElement.querySelector('.code-lang')?.textContent;
    code.innerHTML = purifier.sanitize(highlighter.highlight(code.textContent, language), ALLOWED);
    code.classList.remove('plain');
  }
}

/** Markdown source to sanitised HTML, safe for unsafeHTML. */
export function renderMarkdown(source) {
  if (!source) {
    return '';
  }
  let html;
  try {
    html = marked.parse(String(source));
  } catch {
    html = escapeHtml(String(source));
  }
  return purifier.sanitize(html, ALLOWED);
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
