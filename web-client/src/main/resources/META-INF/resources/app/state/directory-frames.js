// What an admin changed in the chat's directory, as every open page hears it: a channel created,
// titled, archived or opened again (`channel.updated`), a person's name or roles (`user.updated`).

/** A channel's change: archived ones leave the list; others are added or merged (keeping unread counts). */
export function channelUpdated(state, frame) {
  const channel = frame.channel;
  if (!channel?.name) {
    return null;
  }
  if (frame.change === 'archived') {
    state.channels = state.channels.filter((c) => c.name !== channel.name);
    // the channel on screen is gone: open the first one left
    return state.current === channel.name && state.channels.length ? { select: state.channels[0].name } : null;
  }
  const known = state.channels.find((c) => c.name === channel.name);
  const fields = { description: channel.description, title: channel.title ?? null, project: channel.project ?? null };
  state.channels = known
    ? state.channels.map((c) => (c.name === channel.name ? { ...c, ...fields } : c))
    : [...state.channels, { ...channel, ...fields, unread: 0, last_seq: channel.last_seq ?? 0, last_read_seq: 0 }]
      .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'public' ? -1 : 1));
  return null;
}

/** A person's new name or roles: the person's own page takes them, and loaded messages show the new name. */
export function userUpdated(state, frame) {
  const user = frame.user;
  if (!user?.username) {
    return null;
  }
  if (user.username === state.user?.username) {
    state.user = { ...state.user, display_name: user.display_name, roles: user.roles };
  }
  state.messages.renameAuthor(user.username, user.display_name);
  return null;
}
