import { LitElement, html } from 'lit';
import { replaceRoute, viewHref } from '../services/routes.js';
import { StoreController } from '../state/store-controller.js';
import { FAILED, filterChoices, filtersPart, inboxRows, isTyping, mayDecide, parseFilters } from '../state/inbox-model.js';
import { base } from '../styles/base-styles.js';
import { inboxStyles } from '../styles/inbox-styles.js';
import { inboxRow } from './inbox-row.js';
import './approval-history.js';
import './reason-dialog.js';

/**
 * The approvals inbox (#/v/inbox[/<filters>]): every pending request the person can see, those
 * about to expire first, filtered by project, agent and risk, decided from its row with the same
 * actions as the card, and triaged by keyboard: j/k move, a approves, r rejects (asking why), x
 * selects, Shift+A approves the selected in one call, Enter opens the card. A member reads it only.
 */
export class ApprovalInbox extends LitElement {
  static properties = {
    part: { type: String },
    _filters: { state: true },
    _cursor: { state: true },
    _checked: { state: true },
    _open: { state: true },
    _failures: { state: true },
    _report: { state: true },
    _now: { state: true },
  };

  static styles = [base, inboxStyles];

  constructor() {
    super();
    this.store = new StoreController(this).store;
    this._filters = {};
    this._checked = new Set();
    this._open = new Map();
    this._failures = new Map();
    this._onKey = (event) => this._key(event);
  }

  connectedCallback() {
    super.connectedCallback();
    this._now = Date.now();
    this._timer = setInterval(() => { this._now = Date.now(); }, 1000);
    document.addEventListener('keydown', this._onKey);
  }

  disconnectedCallback() {
    clearInterval(this._timer);
    document.removeEventListener('keydown', this._onKey);
    super.disconnectedCallback();
  }

  willUpdate(changed) {
    if (changed.has('part')) {
      this._filters = parseFilters(this.part);
    }
  }

  render() {
    const history = this._filters.tab === 'history';
    return html`
      <div role="tablist" aria-label="Approvals">
        ${this._tab('pending', 'Pending', !history)}${this._tab('history', 'History', history)}
      </div>
      ${this._renderFilters()}
      <div role="tabpanel" id="inbox-panel" aria-label=${history ? 'History' : 'Pending'}>
        ${history ? html`<approval-history .filters=${this._filters}></approval-history>` : this._renderPending()}
      </div>
      <reason-dialog></reason-dialog>`;
  }

  _tab(id, label, selected) {
    return html`<button role="tab" aria-selected=${selected ? 'true' : 'false'} aria-controls="inbox-panel"
      data-tab=${id} @click=${() => this._setFilter('tab', id === 'history' ? 'history' : null)}>${label}</button>`;
  }

  _renderFilters() {
    const choices = filterChoices(this.store.pendingApprovals());
    const select = (key, label) => html`<label>${label}
      <select data-filter=${key} @change=${(e) => this._setFilter(key, e.target.value || null)}>
        <option value="" ?selected=${!this._filters[key]}>All</option>
        ${[...new Set([...choices[key], ...(this._filters[key] ? [this._filters[key]] : [])])].map((value) =>
          html`<option value=${value} ?selected=${this._filters[key] === value}>${value}</option>`)}
      </select></label>`;
    return html`<div class="filters" data-testid="inbox-filters">
      ${select('project', 'Project')}${select('agent', 'Agent')}${select('risk', 'Risk')}</div>`;
  }

  _renderPending() {
    const rows = this._rows();
    const canDecide = mayDecide(this.store.user);
    const stop = rows.some((a) => a.approval_id === this._cursor) ? this._cursor : rows[0]?.approval_id;
    return html`
      <p class="hint muted">${canDecide
        ? html`<kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>x</kbd> select ·
          <kbd>Shift</kbd>+<kbd>A</kbd> approve the selected (${this._checked.size}) · <kbd>Enter</kbd> open`
        : html`You can read the inbox; approvers and admins decide. <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open`}</p>
      ${this._report ? this._renderReport() : ''}
      ${rows.length ? html`<div role="grid" aria-label="Pending approvals" data-testid="inbox">
          ${rows.map((a) => inboxRow({ approval: a, current: a.approval_id === this._cursor, tabStop: a.approval_id === stop,
            checked: this._checked.has(a.approval_id), open: this._open.get(a.approval_id) ?? null,
            failure: this._failures.get(a.approval_id), canDecide, now: this._now }, this._handlers()))}</div>`
        : html`<p class="empty muted" data-testid="inbox-empty">Nothing waits for a decision${
          Object.keys(this._filters).some((k) => k !== 'tab') ? ' that fits these filters' : ''}.</p>`}`;
  }

  _renderReport() {
    const { decided, failed } = this._report;
    return html`<div class="report" role="status" data-testid="bulk-report">
      ${decided.length} approved${failed.length ? html`; ${failed.length} not:` : '.'}
      ${failed.length ? html`<ul>${failed.map((f) => html`<li class="bad" data-testid="bulk-failure"
        data-approval-id=${f.id}>${f.title}: ${f.why}</li>`)}</ul>` : ''}</div>`;
  }

  /** Pending rows first (filtered, urgent first), then those the person still holds: selected or open. */
  _rows() {
    const pending = inboxRows(this.store.pendingApprovals(), this._filters, this._now);
    const held = [...new Set([...this._checked, ...this._open.keys(), ...this._failures.keys()])]
      .map((id) => this.store.approvals.get(id)).filter((a) => a && a.status !== 'pending');
    return [...pending, ...held];
  }

  _handlers() {
    return {
      focus: (id) => { this._cursor = id; },
      check: (id) => this._toggleCheck(id),
      approve: (id) => this._approve(id),
      reject: (id) => this._reject(id),
      open: (id, mode) => this._toggleOpen(id, mode),
    };
  }

  _setFilter(key, value) {
    const filters = { ...this._filters };
    if (value) {
      filters[key] = value;
    } else {
      delete filters[key];
    }
    this._filters = filters;
    replaceRoute(viewHref('inbox', filtersPart(filters)));
  }

  _key(event) {
    const target = event.composedPath()[0];
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing
        || this._filters.tab === 'history' || isTyping(target) || this.renderRoot.querySelector('reason-dialog')?.isOpen) {
      return;
    }
    const canDecide = mayDecide(this.store.user);
    const onRow = target?.getAttribute?.('role') === 'row';
    const key = event.key;
    const act = {
      j: () => this._move(1), k: () => this._move(-1),
      ArrowDown: onRow ? () => this._move(1) : null, ArrowUp: onRow ? () => this._move(-1) : null,
      Enter: onRow ? () => this._toggleOpen(this._cursor, this._open.has(this._cursor) ? null : 'card') : null,
      a: canDecide && this._cursor ? () => this._approve(this._cursor) : null,
      r: canDecide && this._cursor ? () => this._reject(this._cursor) : null,
      x: canDecide && this._cursor ? () => this._toggleCheck(this._cursor) : null,
      A: canDecide && event.shiftKey && this._checked.size ? () => this._approveSelected() : null,
    }[key];
    if (act) {
      event.preventDefault();
      act();
    }
  }

  async _move(step) {
    const ids = this._rows().map((a) => a.approval_id);
    if (!ids.length) {
      return;
    }
    const at = ids.indexOf(this._cursor);
    this._cursor = ids[at < 0 ? 0 : Math.max(0, Math.min(ids.length - 1, at + step))];
    await this._focusCursor();
  }

  async _focusCursor() {
    await this.updateComplete;
    this.renderRoot.querySelector('[role=row][aria-selected=true]')?.focus();
  }

  _toggleCheck(id) {
    const checked = new Set(this._checked);
    checked.has(id) ? checked.delete(id) : checked.add(id);
    this._checked = checked;
  }

  _toggleOpen(id, mode) {
    if (!id) {
      return;
    }
    const open = new Map(this._open);
    mode ? open.set(id, mode) : open.delete(id);
    this._open = open;
  }

  /** After the current row is decided, the selection goes to the row after it (or before, at the end). */
  _cursorAfter(id) {
    const ids = this._rows().filter((a) => a.status === 'pending').map((a) => a.approval_id);
    const at = ids.indexOf(id);
    return ids[at + 1] ?? ids[at - 1] ?? null;
  }

  async _approve(id) {
    await this._decide(id, 'approve');
  }

  async _reject(id) {
    const a = this.store.approvals.get(id);
    const reason = await this.renderRoot.querySelector('reason-dialog').ask(`Reject “${a?.title ?? id}”`);
    if (reason) {
      await this._decide(id, 'reject', { comment: reason });
    } else {
      await this._focusCursor();
    }
  }

  async _decide(id, action, extra) {
    const next = this._cursorAfter(id);
    try {
      await this.store.respond(id, action, extra);
      this._setFailure(id, null);
      if (this._cursor === id && this.store.approvals.get(id)?.status !== 'pending') {
        this._cursor = next;
      }
    } catch (error) {
      this._setFailure(id, error.code === 'conflict' ? `Not ${action}d: ${FAILED.conflict}.` : error.message);
      this.store.approval(id, { refresh: true });
    }
    await this._focusCursor();
  }

  _setFailure(id, text) {
    const failures = new Map(this._failures);
    text ? failures.set(id, text) : failures.delete(id);
    this._failures = failures;
  }

  /** Approves every selected request in one call; each is decided on its own, and each failure says why. */
  async _approveSelected() {
    const ids = [...this._checked];
    let results;
    try {
      results = await this.store.respondMany(ids, 'approve');
    } catch {
      return; // the store told the person what went wrong; nothing was decided
    }
    const title = (id) => this.store.approvals.get(id)?.title ?? id;
    const decided = results.filter((r) => r.result === 'decided' || r.result === 'voted');
    const failed = results.filter((r) => !(r.result === 'decided' || r.result === 'voted'))
      .map((r) => ({ id: r.approval_id, title: title(r.approval_id), why: FAILED[r.result] ?? r.result }));
    this._report = { decided, failed };
    this._checked = new Set(failed.map((f) => f.id)); // what failed stays selected, to look at
    const failures = new Map(this._failures);
    failed.forEach((f) => failures.set(f.id, `Not approved: ${f.why}.`));
    this._failures = failures;
    if (!this._rows().some((a) => a.approval_id === this._cursor)) {
      this._cursor = this._rows()[0]?.approval_id ?? null;
    }
    await this._focusCursor();
  }
}

customElements.define('approval-inbox', ApprovalInbox);
