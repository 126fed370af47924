// What a person may do to a message, one list for the hover bar and the touch action sheet alike,
// so both offer the same actions under the same rules; the actions that are more than a frame; and
// what a rendered message gets in the page (copy buttons, mentions of the reader).
import { messageHref } from './routes.js';

export const QUICK_REACTIONS = ['👍', '❤️', '😄', '🎉', '👀', '🚀', '✅', '❌'];

/**
 * The actions on `message` for `user`, in order. `sheetOnly` ones (quote, copy) are in the action
 * sheet only: on a desktop the text is selectable and the link is the message's time.
 */
export function messageActions(message, user, { inThread = false } = {}) {
  const mine = message.author_type === 'user' && message.author_id === user?.username;
  const admin = Boolean(user?.roles?.includes('admin'));
  return [
    { id: 'react', icon: '😀', label: 'Add reaction' },
    inThread ? null : { id: 'thread', icon: '💬', label: 'Reply in thread' },
    { id: 'quote', icon: '❝', label: 'Quote', sheetOnly: true },
    { id: 'copy-link', icon: '🔗', label: 'Copy link', sheetOnly: true },
    { id: 'copy-text', icon: '📋', label: 'Copy text', sheetOnly: true },
    { id: 'pin', icon: '📌', label: message.pinned_at ? 'Unpin' : 'Pin' },
    mine ? { id: 'edit', icon: '✏️', label: 'Edit' } : null,
    mine || admin ? { id: 'delete', icon: '🗑️', label: 'Delete' } : null,
  ].filter(Boolean);
}

/** The message's address, to share: opens its channel at it (services/navigation.js). */
export function messageLink(message) {
  return `${location.origin}${location.pathname}${messageHref(message.channel, message.message_id)}`;
}

/**
 * Puts the message into the composer as a quote: the main one, or the thread's it belongs to
 * (chat-composer listens for `quote-message` on the document).
 */
export function quoteMessage(message, inThread) {
  const quoted = String(message.content ?? '').split('\n').map((line) => `> ${line}`).join('\n');
  const thread = inThread ? (message.thread_id ?? message.message_id) : null;
  document.dispatchEvent(new CustomEvent('quote-message', { detail: { text: `${quoted}\n\n`, thread } }));
}

/** What the rendered Markdown gets once in the page: a Copy button on code blocks, mentions of `me` marked. */
export function decorateRendered(root, me) {
  for (const pre of root.querySelectorAll('pre.code-block')) {
    if (pre.querySelector('.copy')) {
      continue;
    }
    const button = document.createElement('button');
    button.className = 'copy';
    button.textContent = 'Copy';
    button.addEventListener('click', () => copyText(pre.querySelector('code').textContent).then(() => {
      button.textContent = 'Copied';
      setTimeout(() => { button.textContent = 'Copy'; }, 1500);
    }));
    pre.append(button);
  }
  root.querySelectorAll('.mention').forEach((mention) => {
    mention.classList.toggle('me', mention.dataset.mention?.toLowerCase() === me?.toLowerCase());
  });
}

export function copyText(text) {
  if (navigator.clipboard?.writeText) {
    return navigator.clipboard.writeText(text).catch(() => fallbackCopy(text));
  }
  return Promise.resolve(fallbackCopy(text));
}

function fallbackCopy(text) {
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
