import { LitElement, html, css } from 'lit';
import { agentName, time } from '../services/format.js';
import { messageHref } from '../services/routes.js';
import { agentBoard } from '../state/agent-presence.js';
import { StoreController } from '../state/store-controller.js';
import { base } from '../styles/base-styles.js';
import { board } from '../styles/board-styles.js';

/** Every agent: its status as text and shape, what it works on, since when, its last error; those waiting on the person first. */
export class AgentsView extends LitElement {
  static styles = [base, board, css`
    .card.waiting { border-color: var(--warn); }
    .error { color: #ff9b9e; overflow-wrap: anywhere; }
    .asks { margin: 6px 0 0; padding-left: 18px; font-size: 14px; }
  `];

  constructor() {
    super();
    this.store = new StoreController(this).store;
  }

  render() {
    const agents = agentBoard(this.store);
    if (!agents.length) {
      return html`<p class="empty" data-testid="agents-empty">No agent has reported yet. An agent appears here once it
        sends <code>agent.status</code> (see docs/protocol.md).</p>`;
    }
    return html`<ul class="grid" role="list">${agents.map((a) => this._renderAgent(a))}</ul>`;
  }

  _renderAgent(a) {
    const waiting = a.waiting.length > 0;
    return html`<li class="card ${waiting ? 'waiting' : ''}" data-testid="agent-card" data-agent=${a.agent}>
      <h2>${agentName(a.agent)}</h2>
      <div class="row">
        <span class="badge status ${a.status}" data-testid="agent-status"><span aria-hidden="true">${a.shape}</span>${a.label}</span>
        ${a.since ? html`<span class="meta" data-testid="agent-since">since <time datetime=${a.since}>${time(a.since)}</time></span>` : ''}
      </div>
      ${waiting ? html`<p data-testid="agent-waiting"><b>Waiting on you</b> (${a.waiting.length}):</p>
        <ul class="asks">${a.waiting.map((ap) => html`<li>${ap.channel && ap.message_id
          ? html`<a href=${messageHref(ap.channel, ap.message_id)} data-testid="agent-waiting-link">${ap.title}</a>`
          : ap.title}</li>`)}</ul>` : ''}
      <p class="meta" data-testid="agent-task">${a.task ? `Task: ${a.task}` : 'No task.'}${a.story ? ` · story ${a.story}` : ''}${
        a.project && a.project !== 'default' ? ` · ${a.project}` : ''}</p>
      ${a.lastActivity ? html`<p class="meta" data-testid="agent-activity">Last: ${a.lastActivity.action}
        (${a.lastActivity.status}) · ${time(a.lastActivity.at)}</p>` : ''}
      ${a.lastError ? html`<p class="error" data-testid="agent-error">Last error: ${a.lastError.action}${
        a.lastError.story_id ? ` (${a.lastError.story_id})` : ''} · ${time(a.lastError.at)}</p>` : ''}
    </li>`;
  }
}
customElements.define('agents-view', AgentsView);
