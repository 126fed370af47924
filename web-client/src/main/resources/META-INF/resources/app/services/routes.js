// Deep links in the location's hash: #/c/<channel> opens a channel, #/c/<channel>/m/<message id>
// opens it at that message, #/v/<view>[/<part>] a view of the main pane (services/views.js). The hash, not the path, so the server serves one page for every link
// and back/forward never reach it.

const CHANNEL = /^#\/c\/([^/]+)(?:\/m\/([^/]+))?\/?$/;
const VIEW = /^#\/v\/([a-z-]+)(?:\/([^/]+))?\/?$/;

// Channel names are a-z 0-9 - _ and DM colons (docs/protocol.md): colons stay readable in a link.
function encode(part) {
  return encodeURIComponent(part).replace(/%3A/gi, ':');
}

export function channelHref(channel) {
  return `#/c/${encode(channel)}`;
}

export function messageHref(channel, messageId) {
  return `${channelHref(channel)}/m/${encode(messageId)}`;
}

export function viewHref(view, part) {
  return part ? `#/v/${view}/${encode(part)}` : `#/v/${view}`;
}

/** {view, part} of a view's hash (part null when it names none), or null for any other. */
export function parseView(hash = location.hash) {
  const match = VIEW.exec(hash ?? '');
  if (!match) {
    return null;
  }
  try {
    return { view: match[1], part: match[2] ? decodeURIComponent(match[2]) : null };
  } catch {
    return null;
  }
}

/** {channel, messageId} of a hash (messageId null for a channel's link), or null for any other. */
export function parseRoute(hash = location.hash) {
  const match = CHANNEL.exec(hash ?? '');
  if (!match) {
    return null;
  }
  try {
    return { channel: decodeURIComponent(match[1]), messageId: match[2] ? decodeURIComponent(match[2]) : null };
  } catch {
    return null; // a malformed escape in a hand-typed link
  }
}

/** Goes to a channel or message as a new history entry (back returns), which fires hashchange. */
export function navigate(href) {
  if (location.hash !== href) {
    location.hash = href;
  }
}

/** Says where the page is without a new history entry, e.g. the channel it landed on. */
export function replaceRoute(href) {
  if (location.hash !== href) {
    history.replaceState(history.state, '', href);
  }
}
