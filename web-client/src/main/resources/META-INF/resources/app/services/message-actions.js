// What a person may do to a message, one list for the hover bar and the touch action sheet alike,
// so both offer the same actions under the same rules; the actions that are more than a frame; and
// the quote itself is state/drafts.js's, copying services/code-blocks.js's.
import { messageHref } from './routes.js';

export const QUICK_REACTIONS = ['👍', '❤️', '😄', '🎉', '👀', '🚀', '✅', '❌'];

/**
 * The actions on `message` for `user`, in order. `sheetOnly` ones (copying) are in the action
 * sheet only: on a desktop the text is selectable and the link is the message's time.
 */
export function messageActions(message, user, { inThread = false } = {}) {
  const mine = message.author_type === 'user' && message.author_id === user?.username;
  const admin = Boolean(user?.roles?.includes('admin'));
  return [
    { id: 'react', icon: '😀', label: 'Add reaction' },
    inThread ? null : { id: 'thread', icon: '💬', label: 'Reply in thread' },
    { id: 'quote', icon: '❝', label: 'Quote' },
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
