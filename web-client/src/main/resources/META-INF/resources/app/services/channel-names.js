// DM channel names as the server spells them (protocol ChannelNames): a person's private DM with
// an agent is dm:<agent>:<username>, readable by that person only; dm:<agent> is the room every
// person shared before DMs were private, kept for its history and readable by admins only.

const DM_PREFIX = 'dm:';

export function isDm(name) {
  return String(name ?? '').startsWith(DM_PREFIX);
}

/** {agent, person} of a DM channel (person null for an older shared one), or null for any other name. */
export function dmParts(name) {
  if (!isDm(name)) {
    return null;
  }
  const [agent, person, ...rest] = name.slice(DM_PREFIX.length).split(':');
  if (!agent || rest.length || person === '') {
    return null;
  }
  return { agent, person: person ?? null };
}

/** The person's own DM channel with the agent. */
export function privateDm(agent, username) {
  return `${DM_PREFIX}${agent}:${username}`;
}

export function isSharedDm(name) {
  const parts = dmParts(name);
  return Boolean(parts && !parts.person);
}
