import { LitElement, html, css } from 'lit';
import { api } from '../services/api.js';
import { outcomeHeading } from '../services/approval-text.js';
import { dateTime, relativeTime } from '../services/format.js';
import { StoreController } from '../state/store-controller.js';
import { FILTER_KEYS, mayDecide, projectName } from '../state/inbox-model.js';
import { base } from '../styles/base-styles.js';

const PAGE = 20;

/** The filters that are set, as query parameters (docs/protocol.md: GET /api/approvals). */
function activeFilters(filters) {
  return Object.fromEntries(FILTER_KEYS.filter((key) => filters?.[key]).map((key) => [key, filters[key]]));
}

function filterKey(filters) {
  return new URLSearchParams(activeFilters(filters)).toString();
}

/**
 * The inbox's History tab: decided requests, newest decision first, a page at a time from the
 * server, filtered there by the inbox's project, agent and risk (who or what decided: a person, `rule:R3`, `policy:rapid`, `system`; when; the outcome),
 * and, for those who may read it, the audit trail's export with the same project and agent.
 */
export class ApprovalHistory extends LitElement {
  static properties = {
    filters: { attribute: false },
    _page: { state: true },
    _rows: { state: true },
    _error: { state: true },
    _loading: { state: true },
  };

  static styles = [base, css`
    :host { display: block; }
    .bar { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; margin-bottom: 8px; }
    .bar .spacer { flex: 1; }
    table { width: 100%; border-collapse: collapse; font-size: 14px; }
    th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--bg-deep); overflow-wrap: anywhere; }
    th { color: var(--text-muted); font-weight: 600; font-size: 12px; }
    code { font-family: var(--mono); font-size: 12px; background: var(--bg-deep); padding: 1px 4px; border-radius: 4px; }
    .error { color: var(--danger-text); }
    a { color: var(--link, #00a8fc); }
    @media (max-width: 700px) { .where { display: none; } }
    @media (pointer: coarse) { button, a { min-height: 44px; display: inline-flex; align-items: center; } }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
    this._page = 0;
    this._rows = [];
  }

  willUpdate(changed) {
    if (changed.has('filters') && this._loadedFor && filterKey(changed.get('filters')) !== filterKey(this.filters)) {
      this._page = 0; // other filters: their first page
    }
    if (changed.has('_page') || changed.has('filters') || !this._loadedFor) {
      const key = `${this._page} ${filterKey(this.filters)}`;
      if (key !== this._loadedFor) {
        this._loadedFor = key;
        this._load();
      }
    }
  }

  async _load() {
    this._loading = true;
    this._error = '';
    try {
      // one more than a page says whether there is a next one
      // filtered by the server, so a page is a page of what the filters keep
      const rows = await api.approvals({ status: 'decided', ...activeFilters(this.filters),
        offset: this._page * PAGE, limit: PAGE + 1 });
      this._more = rows.length > PAGE;
      this._rows = rows.slice(0, PAGE);
    } catch (error) {
      this._error = `Could not load the history: ${error.message}`;
    } finally {
      this._loading = false;
    }
  }

  render() {
    const f = this.filters ?? {};
    const rows = this._rows;
    return html`<div class="bar">
        <button data-action="newer" ?disabled=${this._page === 0 || this._loading} @click=${() => { this._page -= 1; }}>← Newer</button>
        <span data-testid="history-page">Page ${this._page + 1}</span>
        <button data-action="older" ?disabled=${!this._more || this._loading} @click=${() => { this._page += 1; }}>Older →</button>
        <span class="spacer"></span>
        ${mayDecide(this.store.user) ? html`<a data-testid="audit-export" download href=${this._auditHref(f)}>Export the audit trail (CSV)</a>` : ''}
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : ''}
      ${rows.length ? html`<table data-testid="history">
        <thead><tr><th scope="col">Outcome</th><th scope="col">Request</th><th scope="col">Decided by</th>
          <th scope="col" class="when-col">When</th><th scope="col" class="where">Where</th></tr></thead>
        <tbody>${rows.map((a) => html`<tr data-testid="history-row" data-approval-id=${a.approval_id} data-status=${a.status}>
          <td>${outcomeHeading(a)}</td>
          <td>${a.title}<div class="muted">🤖 ${a.requested_by}${a.comment ? html` · “${a.comment}”` : ''}</div></td>
          <td><code data-testid="history-by">${a.decided_by ?? '—'}</code></td>
          <td class="when-col">${a.decided_at ? html`<time datetime=${a.decided_at} title=${dateTime(a.decided_at)}>${relativeTime(a.decided_at)}</time>` : ''}</td>
          <td class="where"># ${a.channel ?? '—'} · ${projectName(a)}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">${this._loading ? 'Loading…' : 'No decided request here.'}</p>`}`;
  }

  _auditHref(f) {
    const params = new URLSearchParams({ format: 'csv' });
    if (f.project) {
      params.set('project', f.project);
    }
    if (f.agent) {
      params.set('agent', f.agent);
    }
    return `/api/approvals/audit?${params}`;
  }
}
customElements.define('approval-history', ApprovalHistory);
