import { LitElement, html, css } from 'lit';
import { dateTime, relativeTime } from '../services/format.js';
import { base } from '../styles/base-styles.js';

// The record's fields worth reading, in the order a person asks about them.
const FIELDS = [
  ['approval_id', 'Request id'], ['request_type', 'Type'], ['requested_by', 'Requested by'],
  ['requested_at', 'Requested', 'time'], ['expires_at', 'Expires', 'time'], ['channel', 'Channel'],
  ['project', 'Project'], ['risk', 'Risk'], ['mode', 'Mode'], ['required_approvals', 'Approvals needed'],
  ['on_expiry', 'On expiry'], ['escalate_to', 'Escalates to'], ['decided_by', 'Decided by'],
  ['decided_at', 'Decided', 'time'], ['comment', 'Comment'], ['rule_id', 'Standing rule'],
];
const DEPTH = 6;

/**
 * "Details" of an approval as a table to read, not JSON: its fields, then its payload, context and
 * modifications, nested objects as nested tables and lists as numbered lists (an item that is an
 * object shows its own fields).
 */
export class ApprovalDetails extends LitElement {
  static properties = {
    approval: { attribute: false },
  };

  static styles = [base, css`
    :host { display: block; margin-top: 8px; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; background: var(--bg-deep); border-radius: var(--radius); }
    th, td { text-align: left; vertical-align: top; padding: 3px 8px; border-top: 1px solid var(--bg-side); overflow-wrap: anywhere; }
    th { color: var(--text-muted); font-weight: 600; white-space: nowrap; width: 1%; }
    td table { background: transparent; }
    ol { margin: 0; padding-left: 20px; }
    .long { white-space: pre-wrap; font-family: var(--mono); font-size: 12px; max-height: 240px; overflow: auto; display: block; }
  `];

  render() {
    const a = this.approval ?? {};
    const rows = FIELDS.filter(([key]) => a[key] !== null && a[key] !== undefined && a[key] !== '');
    return html`<table data-testid="details" aria-label="Details of the request">
      <tbody>
        ${rows.map(([key, label, kind]) => html`<tr><th scope="row">${label}</th>
          <td>${kind === 'time' ? html`<time datetime=${a[key]} title=${dateTime(a[key])}>${relativeTime(a[key])}</time>`
            : valueView(a[key])}</td></tr>`)}
        ${['payload', 'context', 'modifications'].filter((key) => a[key] && Object.keys(a[key]).length)
          .map((key) => html`<tr><th scope="row">${key.charAt(0).toUpperCase()}${key.slice(1)}</th><td>${valueView(a[key])}</td></tr>`)}
      </tbody>
    </table>`;
  }
}

/** Any JSON value as something to read: text, a numbered list, or a table of fields. */
export function valueView(value, depth = 0) {
  if (value === null || value === undefined) {
    return html`<span class="muted">—</span>`;
  }
  if (typeof value !== 'object') {
    const text = String(value);
    return text.length > 120 || text.includes('\n') ? html`<span class="long">${text}</span>` : text;
  }
  if (depth >= DEPTH) {
    return html`<span class="long">${JSON.stringify(value)}</span>`;
  }
  if (Array.isArray(value)) {
    return value.length ? html`<ol>${value.map((item) => html`<li>${valueView(item, depth + 1)}</li>`)}</ol>`
      : html`<span class="muted">(none)</span>`;
  }
  const entries = Object.entries(value);
  return entries.length ? html`<table><tbody>${entries.map(([key, item]) => html`<tr><th scope="row">${key}</th>
      <td>${valueView(item, depth + 1)}</td></tr>`)}</tbody></table>`
    : html`<span class="muted">(empty)</span>`;
}

/** What an approve-with-changes changed: [field, was, now] for each top-level field that differs. */
export function changesOf(payload, modifications) {
  const before = payload && typeof payload === 'object' ? payload : {};
  const after = modifications && typeof modifications === 'object' ? modifications : {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => [key, before[key], after[key]]);
}
customElements.define('approval-details', ApprovalDetails);
