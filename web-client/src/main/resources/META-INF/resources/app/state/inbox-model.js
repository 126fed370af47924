// The approvals inbox as data: which pending requests a filter keeps, in which order (those about
// to expire first), and the filter as the address keeps it (#/v/inbox/<query>), so a reload keeps it.
import { RISKS, expiresSoon, riskOf } from '../services/approval-text.js';

export const FILTER_KEYS = ['project', 'agent', 'risk'];

/** The filters a view's address part names ("risk=high&agent=code"); unknown keys and risks are dropped. */
export function parseFilters(part) {
  const filters = {};
  const params = new URLSearchParams(part ?? '');
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && value.length <= 100 && (key !== 'risk' || RISKS.includes(value))) {
      filters[key] = value;
    }
  }
  if (params.get('tab') === 'history') {
    filters.tab = 'history';
  }
  return filters;
}

/** The address part of the filters (null: none), the inverse of parseFilters. */
export function filtersPart(filters) {
  const params = new URLSearchParams();
  [...FILTER_KEYS, 'tab'].filter((key) => filters[key]).forEach((key) => params.set(key, filters[key]));
  const part = params.toString();
  return part || null;
}

/** The project a request belongs to, as the filter names it. */
export function projectName(approval) {
  return approval?.project ?? 'default';
}

export function matches(approval, filters) {
  return (!filters.project || projectName(approval) === filters.project)
    && (!filters.agent || approval.requested_by === filters.agent)
    && (!filters.risk || riskOf(approval) === filters.risk);
}

/** The pending requests the filters keep: those expiring soon first, then by expiry, then by risk (highest first). */
export function inboxRows(pending, filters, now = Date.now()) {
  const rank = (a) => (expiresSoon(a, now) ? 0 : 1);
  return pending.filter((a) => a.status === 'pending' && matches(a, filters))
    .sort((a, b) => rank(a) - rank(b)
      || String(a.expires_at).localeCompare(String(b.expires_at))
      || RISKS.indexOf(riskOf(b)) - RISKS.indexOf(riskOf(a)));
}

/** The values each filter may take among the requests (sorted), for its menu. */
export function filterChoices(pending) {
  const of = (pick) => [...new Set(pending.map(pick).filter(Boolean))].sort();
  return { project: of(projectName), agent: of((a) => a.requested_by), risk: RISKS };
}

/** Whether the person may decide approvals at all (a member reads the inbox only). */
export function mayDecide(user) {
  const roles = user?.roles ?? [];
  return roles.includes('approver') || roles.includes('admin');
}

/** Why a request of a bulk decision was not decided, per result (docs/protocol.md). */
export const FAILED = {
  conflict: 'already decided by someone else, or expired',
  not_found: 'no such request any more',
  forbidden: 'not yours to decide (you asked for it)',
};

/** Whether a key pressed on `target` is typing (the inbox's letter keys leave it alone). */
export function isTyping(target) {
  const tag = target?.tagName;
  if (tag === 'INPUT') {
    return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  }
  return tag === 'TEXTAREA' || tag === 'SELECT' || Boolean(target?.isContentEditable);
}
