// Whether a message's text mentions a person (@username), as the Markdown renderer marks mentions.

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `content` holds @username as a word of its own: "@al" is not a mention of "al.b". */
export function mentions(content, username) {
  if (!username || !content) {
    return false;
  }
  // a name ends where no name character follows (a sentence's full stop may)
  return new RegExp(`(^|[^\\w@])@${escapeRegExp(username)}(?![\\w-]|\\.\\w)`, 'i').test(content);
}
