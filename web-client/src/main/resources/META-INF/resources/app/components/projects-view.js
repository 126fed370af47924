import { LitElement, html } from 'lit';
import { agentName } from '../services/format.js';
import { channelHref, viewHref } from '../services/routes.js';
import { StoreController } from '../state/store-controller.js';
import { agentsAtWork, boundChannel, dayText, openCycles, pendingIn, projectNames, sprintProgress } from '../state/workflow-board.js';
import { base } from '../styles/base-styles.js';
import { board } from '../styles/board-styles.js';

/** Every project the person sees, one card each: state, mode, sprint progress, open cycles, approvals, agents. */
export class ProjectsView extends LitElement {
  static styles = [base, board];

  constructor() {
    super();
    this.store = new StoreController(this).store;
  }

  render() {
    const names = projectNames(this.store);
    if (!names.length) {
      return html`<p class="empty" data-testid="projects-empty">No project yet. An approver makes one with
        <code>/project create web</code>, then <code>/project bind web</code> in its channel.</p>`;
    }
    return html`<ul class="grid" role="list">${names.map((name) => this._renderProject(this.store.snapshotOf(name)))}</ul>`;
  }

  _renderProject(snapshot) {
    const name = snapshot.project;
    const progress = sprintProgress(snapshot);
    const pending = pendingIn(this.store, name).length;
    const agents = agentsAtWork(snapshot);
    const channel = boundChannel(this.store, name);
    return html`<li class="card" data-testid="project-card" data-project=${name}>
      <h2><a href=${viewHref('sprint', name)} data-testid="project-board-link">${name}</a></h2>
      <div class="row">
        <span class="badge ${snapshot.state}" data-testid="project-state">${snapshot.state}</span>
        <span class="meta">mode ${snapshot.mode}</span>
      </div>
      ${this._renderSprint(snapshot, progress)}
      <div class="row meta">
        <span data-testid="project-cycles">${openCycles(snapshot)} open TDD ${openCycles(snapshot) === 1 ? 'cycle' : 'cycles'}</span>
        <span data-testid="project-pending">${pending} pending ${pending === 1 ? 'approval' : 'approvals'}</span>
      </div>
      <div class="meta" data-testid="project-agents">${agents.length
        ? `At work: ${agents.map((a) => `${agentName(a.agent)}${a.story_id ? ` on ${a.story_id}` : ''}`).join(', ')}`
        : 'No agent at work.'}</div>
      <div class="row meta">
        ${channel ? html`<a href=${channelHref(channel)} data-testid="project-channel"># ${channel}</a>`
          : html`<span>Bound to no channel: <code>/project bind ${name}</code> in one.</span>`}
      </div>
    </li>`;
  }

  _renderSprint(snapshot, progress) {
    if (!progress) {
      return html`<p class="meta" data-testid="project-sprint">No sprint yet.</p>`;
    }
    const sprint = snapshot.sprint;
    return html`<div data-testid="project-sprint">
      <div class="meta">Sprint ${sprint.number} (${sprint.status}) · ${dayText(progress)}</div>
      <div class="meta" data-testid="project-progress">${progress.pointsDone} of ${progress.pointsPlanned} points done ·
        ${progress.storiesDone} of ${progress.storiesPlanned} stories done</div>
      <progress max=${Math.max(1, progress.storiesPlanned)} .value=${progress.storiesDone}
                aria-label="Stories done in ${snapshot.project}'s sprint"></progress>
    </div>`;
  }
}
customElements.define('projects-view', ProjectsView);
