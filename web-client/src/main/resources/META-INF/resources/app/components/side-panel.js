import { LitElement, html, css } from 'lit';
import { api } from '../services/api.js';
import { agentName, countdown, dateTime, fileSize, time } from '../services/format.js';
import { base } from '../styles/base-styles.js';
import { statusOf, statusView } from '../state/agent-presence.js';
import { StoreController } from '../state/store-controller.js';
import { expiryOutcome, quorumText, riskOf } from '../services/approval-text.js';

const TABS = [['context', 'Context'], ['approvals', 'Approvals'], ['files', 'Files']];

/** Right pane: the workflow's state and agents, pending approvals, and the channel's files. */
export class SidePanel extends LitElement {
  static properties = {
    _tab: { state: true },
    _files: { state: true },
  };

  static styles = [base, css`
    :host { display: flex; flex-direction: column; }
    [role=tablist] { display: flex; border-bottom: 1px solid var(--bg-deep); }
    [role=tab] { flex: 1; background: none; border-radius: 0; padding: 12px 4px; color: var(--text-muted); border-bottom: 2px solid transparent; }
    [role=tab][aria-selected=true] { color: var(--text-strong); border-bottom-color: var(--accent); }
    .body { flex: 1; overflow-y: auto; padding: 14px; }
    h2 { font-size: 12px; text-transform: uppercase; color: var(--text-muted); margin: 16px 0 6px; }
    .badge { display: inline-block; padding: 4px 10px; border-radius: 12px; background: var(--accent); color: var(--on-accent); font-weight: 700; font-size: 13px; }
    /* dark text where white would fall below 4.5:1 */
    .badge.BLOCKED { background: var(--danger); color: #000; } .badge.SPRINT_ACTIVE { background: var(--ok); color: #000; } .badge.SPRINT_PAUSED { background: var(--warn); color: #000; }
    .row { padding: 8px; border-radius: var(--radius); background: var(--bg); margin-bottom: 6px; font-size: 14px; }
    .row .meta { font-size: 12px; color: var(--text-muted); }
    .empty { color: var(--text-muted); font-size: 14px; }
    .expires { color: var(--warn); font-size: 12px; }
    .file { display: flex; gap: 8px; align-items: center; }
    .file img { width: 48px; height: 48px; object-fit: cover; border-radius: 4px; }
    a { color: var(--link); }
  `];

  constructor() {
    super();
    this.store = new StoreController(this).store;
    this._tab = 'context';
  }

  disconnectedCallback() {
    this._tick(false);
    super.disconnectedCallback();
  }

  updated() {
    this._tick(this._tab === 'approvals' && this.store.pendingApprovals().length > 0);
  }

  /** The countdowns are rendered again every second while they show, and only then. */
  _tick(on) {
    if (on && !this._timer) {
      this._timer = setInterval(() => this.requestUpdate(), 1000);
    } else if (!on && this._timer) {
      clearInterval(this._timer);
      this._timer = null;
    }
  }

  render() {
    const pending = this.store.pendingApprovals();
    return html`
      <div role="tablist">${TABS.map(([id, label]) => html`
        <button role="tab" aria-selected=${this._tab === id} data-tab=${id} @click=${() => this._select(id)}>
          ${label}${id === 'approvals' && pending.length ? ` (${pending.length})` : ''}</button>`)}</div>
      <div class="body" role="tabpanel">${this._renderTab(pending)}</div>
    `;
  }

  _renderTab(pending) {
    if (this._tab === 'approvals') {
      return this._renderApprovals(pending);
    }
    return this._tab === 'files' ? this._renderFiles() : this._renderContext();
  }

  _renderContext() {
    const snapshot = this.store.snapshot;
    if (!snapshot) {
      return html`<div class="empty">No workflow state yet. Is the state-broadcaster running?</div>`;
    }
    const active = snapshot.active_agents ?? [];
    const onBoard = new Set(active.map((a) => a.agent));
    const agents = this.store.agents().filter((a) => statusOf(a) !== 'offline' && !onBoard.has(a.agent));
    return html`
      <div><span class="badge ${snapshot.state}" data-testid="state-badge">${snapshot.state}</span>
        <span class="muted"> · ${snapshot.project} · mode ${snapshot.mode}</span></div>
      <state-diagram .state=${snapshot.state} .allowed=${snapshot.allowed_commands}></state-diagram>
      <h2>Active agents</h2>
      ${active.length === 0 && agents.length === 0 ? html`<div class="empty">No agent is working right now.</div>` : ''}
      ${active.map((a) => html`<div class="row" data-agent=${a.agent}><b>${agentName(a.agent)}</b> ${a.action}
        <div class="meta">${this._status(a.agent)} · ${a.status}${a.story_id ? ` · ${a.story_id}` : ''} · ${time(a.at)}</div></div>`)}
      ${agents.map((a) => html`<div class="row" data-agent=${a.agent}><b>${agentName(a.agent)}</b> ${a.task ?? ''}
        <div class="meta">${this._status(a.agent)}</div></div>`)}
      ${(snapshot.history ?? []).length ? html`<h2>Recent transitions</h2>
        ${[...snapshot.history].reverse().slice(0, 5).map((t) => html`<div class="row">${t.from} → ${t.to}
          <div class="meta">${t.command} · ${t.by} · ${time(t.at)}</div></div>`)}` : ''}
    `;
  }

  /** The agent's presence as the whole page says it (state/agent-presence.js). */
  _status(agent) {
    const { label, shape, status } = statusView(this.store.presence.get(agent));
    return html`<span data-testid="context-agent-status" data-status=${status}><span aria-hidden="true">${shape}</span> ${label}</span>`;
  }

  _renderApprovals(pending) {
    if (!pending.length) {
      return html`<div class="empty">No approval is waiting.</div>`;
    }
    const now = Date.now();
    return pending.map((a) => html`<div class="row" data-testid="pending-approval">
      <b>${a.title}</b> <risk-badge risk=${riskOf(a)}></risk-badge>
      <div class="meta">${a.request_type} · from ${a.requested_by} · #${a.approval_id.slice(0, 8)}${
        quorumText(a) ? ` · ${quorumText(a)}` : ''}</div>
      <div class="expires">${countdown(a.expires_at, now)
        ? `expires in ${countdown(a.expires_at, now)} · ${expiryOutcome(a)}` : 'expiring…'}</div>
    </div>`);
  }

  _renderFiles() {
    if (!this._files) {
      return html`<div class="empty">Loading files…</div>`;
    }
    if (!this._files.length) {
      return html`<div class="empty">No files in this channel yet.</div>`;
    }
    return this._files.map((f) => html`<div class="row file">
      ${f.thumbnail_url ? html`<img src=${f.thumbnail_url} alt="">` : html`<span>📄</span>`}
      <div><a href=${f.url} target="_blank" rel="noopener">${f.file_name}</a>
        <div class="meta">${fileSize(f.file_size)} · ${f.uploaded_by ?? ''} · ${dateTime(f.created_at)}</div></div>
    </div>`);
  }

  async _select(tab) {
    this._tab = tab;
    if (tab === 'files') {
      this._files = null;
      try {
        this._files = await api.attachments(this.store.current);
      } catch (error) {
        this._files = [];
        this.store.notify(`Could not load files: ${error.message}`);
      }
    }
  }
}
customElements.define('side-panel', SidePanel);
