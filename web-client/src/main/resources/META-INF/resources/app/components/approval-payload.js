import { LitElement, html, css, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { highlightPlainCode, renderMarkdown } from '../services/markdown.js';
import { base } from '../styles/base-styles.js';
import { markdown } from '../styles/markdown-styles.js';

/**
 * What an approval asks for, read from its record's payload and shaped by its request type the way
 * the server's message templates shape it (files and diff; from → to and why; tasks; groups; else
 * the JSON). From the record, not the message's text: that text is only a copy, and may be edited.
 */
export class ApprovalPayload extends LitElement {
  static properties = {
    approval: { attribute: false },
  };

  static styles = [base, markdown, css`
    :host { display: block; }
    h4 { margin: 8px 0 2px; font-size: 13px; color: var(--text-muted); font-weight: 600; }
    ul, ol { margin: 2px 0 4px; padding-left: 22px; }
    .transition { margin: 4px 0; }
    code { font-family: var(--mono); font-size: 0.875em; background: var(--bg-deep); padding: 1px 4px; border-radius: 4px; }
  `];

  updated() {
    highlightPlainCode(this.renderRoot).catch(() => {}); // code shown before highlight.js came: highlighted now
  }

  render() {
    const payload = this.approval?.payload;
    const p = payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : {};
    switch (this.approval?.request_type) {
      case 'code_change': return this._codeChange(p);
      case 'state_transition': return this._stateTransition(p);
      case 'parallel_execution': return this._parallel(p);
      case 'batch_changes': return this._batch(p);
      default: return codeBlock(JSON.stringify(p, null, 2), 'json');
    }
  }

  _codeChange(p) {
    const files = list(p.files).map((f) => (isObject(f) ? text(f.path) : text(f))).filter(Boolean);
    const diff = text(p.diff);
    return html`${description(p)}
      ${files.length ? html`<h4>Files</h4><ul>${files.map((f) => html`<li><code>${f}</code></li>`)}</ul>` : ''}
      ${diff ? codeBlock(diff, 'diff') : ''}`;
  }

  _stateTransition(p) {
    const why = first(p, 'reason', 'why');
    return html`<div class="transition"><strong>${text(p.from) ?? '?'}</strong> → <strong>${text(p.to) ?? '?'}</strong></div>
      ${why ? html`<div>Why: ${why}</div>` : ''}`;
  }

  _parallel(p) {
    const tasks = list(p.tasks).map((t) => (isObject(t)
      ? [text(t.agent), first(t, 'task', 'description', 'title')].filter(Boolean).join(': ')
      : text(t))).filter(Boolean);
    return tasks.length
      ? html`<h4>Tasks to run at once</h4><ol>${tasks.map((t) => html`<li>${t}</li>`)}</ol>`
      : html`<div class="muted">(no tasks listed)</div>`;
  }

  _batch(p) {
    return html`${description(p)}${groups(p).map(([name, items]) => html`<h4>${name}</h4>
      <ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`)}`;
  }
}

/** Scalars as text; objects and lists are no text. */
function text(value) {
  return value === null || value === undefined || typeof value === 'object' ? null : String(value);
}

function first(object, ...keys) {
  return keys.map((key) => text(object[key])).find((value) => value && value.trim()) ?? null;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function list(value) {
  if (Array.isArray(value)) {
    return value;
  }
  return text(value) ? [value] : [];
}

function description(p) {
  const source = first(p, 'description', 'summary');
  return source ? html`<div class="md">${unsafeHTML(renderMarkdown(source))}</div>` : nothing;
}

/** `groups` as name → items or as a list of {name, items}; else `items` as one group. */
function groups(p) {
  const items = (value) => list(value).map((item) => (isObject(item)
    ? first(item, 'description', 'title', 'name', 'path') ?? fields(item) : text(item))).filter(Boolean);
  if (isObject(p.groups)) {
    return Object.entries(p.groups).map(([name, value]) => [name, items(value)]);
  }
  if (Array.isArray(p.groups)) {
    return p.groups.filter(isObject).map((g) => [first(g, 'name', 'group', 'title') ?? 'Group', items(g.items)]);
  }
  return Array.isArray(p.items) ? [['Items', items(p.items)]] : [];
}

/** An item with none of the usual names, as "key: value, …" (nested values as JSON). */
function fields(item) {
  const entries = Object.entries(item);
  return entries.length ? entries.map(([key, value]) => `${key}: ${text(value) ?? JSON.stringify(value)}`).join(', ') : null;
}

/** Through the Markdown pipeline, so it is highlighted and sanitised like any code in a message. */
export function codeBlock(source, language) {
  const longest = Math.max(0, ...(source.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return html`<div class="md">${unsafeHTML(renderMarkdown(`${fence}${language}\n${source}\n${fence}`))}</div>`;
}
customElements.define('approval-payload', ApprovalPayload);
