import { LitElement, html, css } from 'lit';
import { agentName } from '../services/format.js';
import { panelOpened } from '../services/panels.js';
import { navigate, viewHref } from '../services/routes.js';
import { StoreController } from '../state/store-controller.js';
import { evidenceParts, failing, lastEvidence } from '../state/tdd-evidence.js';
import {
  COLUMNS, backlogStories, dayText, openProject, phaseOf, phaseWord, projectNames, sprintProgress, sprintStories,
} from '../state/workflow-board.js';
import { base } from '../styles/base-styles.js';
import { board } from '../styles/board-styles.js';

/**
 * A project's sprint: its stories in columns by status, the backlog aside. A story opens in the
 * story drawer (Esc closes it, the keyboard returns to the story).
 */
export class SprintBoard extends LitElement {
  static properties = {
    /** The project named by the address (#/v/sprint/<project>); none: the open channel's. */
    project: { type: String },
    _story: { state: true },
  };

  static styles = [base, board, css`
    .top { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
    .columns { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 10px; margin-top: 12px; }
    @media (max-width: 900px) { .columns { grid-template-columns: minmax(0, 1fr); } }
    section { background: var(--bg-deep); border-radius: 8px; padding: 8px; min-height: 80px; }
    section h2 { margin: 4px 4px 8px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    .story { display: block; width: 100%; text-align: left; background: var(--bg-side); border: 1px solid #4e5058; border-radius: 8px; padding: 10px; }
    .story:hover { background: var(--bg-hover); }
    .story .title { display: block; color: var(--text-strong); margin: 4px 0; overflow-wrap: anywhere; }
    details { margin-top: 16px; }
    summary { cursor: pointer; color: var(--text-strong); padding: 6px 0; }
  `];

  constructor() {
    super();
    this.store = new StoreController(this).store;
  }

  disconnectedCallback() {
    this._unregister?.();
    super.disconnectedCallback();
  }

  get _project() {
    return this.project || openProject(this.store);
  }

  render() {
    const snapshot = this.store.snapshotOf(this._project);
    return html`
      <div class="top">${this._renderPicker()}${snapshot ? this._renderSummary(snapshot) : ''}</div>
      ${snapshot ? this._renderBoard(snapshot) : html`<p class="empty" data-testid="sprint-empty">No workflow for
        ${this._project} here. Pick a project you see, or make one with <code>/project create ${this._project}</code>.</p>`}
      ${this._story && snapshot ? html`<story-drawer .snapshot=${snapshot} .storyId=${this._story}
        @close=${() => this._close()}></story-drawer>` : ''}
    `;
  }

  _renderPicker() {
    const names = projectNames(this.store);
    return html`<label>Project <select data-testid="project-picker" @change=${(e) => navigate(viewHref('sprint', e.target.value))}>
      ${(names.includes(this._project) ? names : [this._project, ...names]).map((name) => html`
        <option value=${name} ?selected=${name === this._project}>${name}</option>`)}
    </select></label>`;
  }

  _renderSummary(snapshot) {
    const sprint = snapshot.sprint;
    const progress = sprintProgress(snapshot);
    return html`<span class="badge ${snapshot.state}" data-testid="sprint-state">${snapshot.state}</span>
      ${sprint ? html`<span class="meta" data-testid="sprint-summary">Sprint ${sprint.number} (${sprint.status}) ·
        ${dayText(progress)} · ${progress.pointsDone} of ${progress.pointsPlanned} points done${sprint.goal
        ? ` · goal: ${sprint.goal}` : ''}</span>` : ''}`;
  }

  _renderBoard(snapshot) {
    const planned = sprintStories(snapshot);
    const backlog = backlogStories(snapshot);
    const columns = snapshot.sprint ? html`<div class="columns">${COLUMNS.map(([status, label]) => {
      const here = planned.filter((s) => s.status === status);
      return html`<section aria-labelledby="col-${status}" data-column=${status}>
        <h2 id="col-${status}">${label} (${here.length})</h2>
        <ul role="list">${here.map((s) => html`<li>${this._renderStory(snapshot, s)}</li>`)}</ul>
      </section>`;
    })}</div>` : html`<p class="empty" data-testid="sprint-empty">No sprint yet: <code>/sprint plan 2w S1 S2</code>
      plans one from the backlog${backlog.length ? '' : html` (add stories first: <code>/story add E1 "title"</code>)`}.</p>`;
    return html`${columns}
      <details ?open=${!snapshot.sprint} data-testid="backlog">
        <summary>Backlog (${backlog.length})</summary>
        ${backlog.length ? html`<ul role="list">${backlog.map((s) => html`<li>${this._renderStory(snapshot, s)}</li>`)}</ul>`
          : html`<p class="empty">The backlog is empty: <code>/epic "title"</code>, then <code>/story add E1 "title"</code>.</p>`}
      </details>`;
  }

  _renderStory(snapshot, story) {
    const phase = phaseOf(snapshot, story.id);
    return html`<button class="story" data-testid="story-card" data-story=${story.id} data-status=${story.status}
                        @click=${() => this._open(story.id)}>
      <span class="row"><b>${story.id}</b>
        ${story.points != null ? html`<span class="meta">${story.points} pts</span>` : ''}
        ${phase ? html`<span class="chip ${phaseWord(phase)}" data-testid="tdd-chip">TDD: ${phaseWord(phase)}</span>` : ''}</span>
      <span class="title" data-testid="story-title">${story.title}</span>
      <span class="meta">${story.assignee ? agentName(story.assignee) : 'Unassigned'} · ${story.priority}</span>
      ${this._renderEvidence(snapshot, story)}
    </button>`;
  }

  /** The story's last test evidence in words, marked ✗ when something fails (the mark repeats the words). */
  _renderEvidence(snapshot, story) {
    const move = lastEvidence(snapshot, story.id);
    if (!move) {
      return '';
    }
    const state = failing(move) ? 'failing' : 'passing';
    return html`<span class="evidence ${state}" data-testid="story-evidence" data-state=${state}
      title="Last evidence, reported at ${move.to}">${evidenceParts(move).join(' · ')}</span>`;
  }

  _open(id) {
    this._unregister?.();
    this._story = id;
    this._unregister = panelOpened(() => this._close());
  }

  /** Closes the drawer; the keyboard goes back to the story it was opened from. */
  async _close() {
    const id = this._story;
    this._unregister?.();
    this._unregister = null;
    this._story = null;
    await this.updateComplete;
    this.renderRoot.querySelector(`[data-story="${CSS.escape(id ?? '')}"]`)?.focus();
  }
}
customElements.define('sprint-board', SprintBoard);
