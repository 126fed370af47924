// Small display helpers shared by the components.
import { dmParts } from './channel-names.js';

const AGENT_EMOJI = { orchestrator: '🎭', code: '💻', design: '📐', qa: '🧪', data: '📊' };

export function agentEmoji(agent) {
  return AGENT_EMOJI[agent] ?? '🤖';
}

/** "💻 Code Agent" for agent "code". */
export function agentName(agent) {
  const name = String(agent ?? '');
  return `${agentEmoji(name)} ${name.charAt(0).toUpperCase()}${name.slice(1)} Agent`;
}

/**
 * A person relayed from Discord by the bridge. Their name is whatever they chose on Discord, so
 * it must never pass for a web account's: every place that shows it says where it came from.
 */
export function fromDiscord(message) {
  return message?.source === 'discord' || String(message?.author_id ?? '').startsWith('discord:');
}

export const DISCORD_NOTE = 'Relayed from Discord: not a Workflow Chat account';

/** The author as plain text where there is no room for tags: "alice", "💻 Code Agent", "admin (Discord)". */
export function authorLabel(message) {
  if (message.author_type === 'agent') {
    return agentName(message.author_id);
  }
  return fromDiscord(message) ? `${message.author_name} (Discord)` : message.author_name;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** "4m 05s" until the instant, or null once it passed. */
export function countdown(iso, now = Date.now()) {
  const left = Math.floor((new Date(iso).getTime() - now) / 1000);
  if (!(left > 0)) {
    return null;
  }
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = String(left % 60).padStart(2, '0');
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${s}s`;
}

export function fileSize(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * "# general"; a DM is titled by its agent ("💻 Code Agent"), since its other member is the reader;
 * an older shared DM says so, so an admin reading it knows others wrote there.
 */
export function channelLabel(name) {
  const dm = dmParts(name);
  if (!dm) {
    return `# ${name}`;
  }
  return dm.person ? agentName(dm.agent) : `${agentName(dm.agent)} (older shared DM)`;
}

/** Who is typing, said as a person would: one, a few by name, or several. */
export function typingText(users) {
  if (users.length === 0) {
    return '';
  }
  if (users.length === 1) {
    return `${users[0]} is typing…`;
  }
  return users.length <= 3 ? `${users.join(', ')} are typing…` : 'Several people are typing…';
}

/** "just now", "5 min ago", "in 3 h", "2 days ago": the one way a decision's time is said (the exact one in a title). */
export function relativeTime(iso, now = Date.now()) {
  const at = new Date(iso).getTime();
  if (!iso || Number.isNaN(at)) {
    return '';
  }
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  const say = (n, unit) => (seconds < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`);
  if (abs < 45) {
    return 'just now';
  }
  if (abs < 3600) {
    return say(Math.max(1, Math.round(abs / 60)), 'min');
  }
  if (abs < 86400) {
    return say(Math.round(abs / 3600), 'h');
  }
  const days = Math.round(abs / 86400);
  return say(days, days === 1 ? 'day' : 'days');
}
