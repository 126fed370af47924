// The channels in the order the sidebar lists them, so Alt+↑/↓ and the quick switcher walk what
// the person sees: channels, then their DM with each agent, then the older shared DMs (admins).
import { dmParts } from '../services/channel-names.js';

/** {channels, agents: [{agent, name, channel}], shared} as the sidebar shows them. */
export function sidebarSections(store) {
  const channels = store.channels.filter((c) => !dmParts(c.name));
  const { mine, shared } = store.dmChannels();
  const names = new Set([...store.presence.keys(), ...mine.keys()]);
  const agents = [...names].sort().map((agent) => ({ agent, name: store.dmWith(agent), channel: mine.get(agent) }));
  return { channels, agents, shared };
}

/** Every channel name the sidebar lists, top to bottom. */
export function sidebarOrder(store) {
  const { channels, agents, shared } = sidebarSections(store);
  return [...channels.map((c) => c.name), ...agents.map((a) => a.name), ...shared.map((c) => c.name)];
}

/**
 * The channel `step` places away from the open one (1 down, -1 up), wrapping around; with
 * `unreadOnly`, the next one with something unread. Null when there is none.
 */
export function neighbour(store, step, { unreadOnly = false } = {}) {
  const order = sidebarOrder(store);
  const at = order.indexOf(store.current);
  for (let i = 1; i <= order.length; i++) {
    const name = order[(at + step * i + order.length * i) % order.length];
    if (name === store.current) {
      return null;
    }
    if (!unreadOnly || (store.channel(name)?.unread ?? 0) > 0) {
      return name;
    }
  }
  return null;
}
