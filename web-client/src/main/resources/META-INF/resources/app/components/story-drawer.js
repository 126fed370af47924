import { LitElement, html, css } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { api } from '../services/api.js';
import { agentName, authorLabel, channelLabel, dateTime, time } from '../services/format.js';
import { highlightPlainCode, renderMarkdown } from '../services/markdown.js';
import { messageHref } from '../services/routes.js';
import { StoreController } from '../state/store-controller.js';
import { evidenceLink, evidenceParts } from '../state/tdd-evidence.js';
import { approvalsAbout, boundChannel, phaseOf, phaseWord, storyTimeline } from '../state/workflow-board.js';
import { base } from '../styles/base-styles.js';
import { board } from '../styles/board-styles.js';
import { markdown } from '../styles/markdown-styles.js';

/** One story whole: its fields, its TDD cycle, the approvals and the messages about it. */
export class StoryDrawer extends LitElement {
  static properties = {
    snapshot: { attribute: false },
    storyId: { type: String },
    _messages: { state: true },
    _error: { state: true },
  };

  static styles = [base, board, markdown, css`
    :host { position: fixed; top: 0; right: 0; bottom: 0; width: min(440px, 100vw); z-index: 30; padding: 0;
      background: var(--bg); border-left: 1px solid var(--bg-deep); box-shadow: -8px 0 24px #0008; overflow-y: auto; }
    .inner { padding: 16px; }
    header { display: flex; align-items: flex-start; gap: 8px; }
    h2#story-title { flex: 1; margin: 0; font-size: 17px; text-transform: none; color: var(--text-strong); outline: none; overflow-wrap: anywhere; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 12px 0; font-size: 14px; }
    dt { color: var(--text-muted); } dd { margin: 0; overflow-wrap: anywhere; }
    ol, ul { margin: 0; padding-left: 18px; font-size: 14px; }
    li { margin-bottom: 6px; }
    .criteria { white-space: pre-wrap; }
  `];

  constructor() {
    super();
    this.store = new StoreController(this).store;
  }

  willUpdate(changed) {
    if (changed.has('storyId') && this.storyId) {
      this._load();
    }
  }

  async firstUpdated() {
    this.renderRoot.querySelector('h2')?.focus();
  }

  get _story() {
    return (this.snapshot?.work?.stories ?? []).find((s) => s.id === this.storyId);
  }

  updated() {
    highlightPlainCode(this.renderRoot).catch(() => {}); // code shown before highlight.js came: highlighted now
  }

  render() {
    const story = this._story;
    const project = this.snapshot?.project;
    return html`<div class="inner" role="dialog" aria-modal="false" aria-labelledby="story-title" data-testid="story-drawer">
      <header><h2 id="story-title" tabindex="-1">${this.storyId} · ${story?.title ?? 'not in this project any more'}</h2>
        <button class="icon" aria-label="Close the story" data-testid="drawer-close" @click=${this._close}>✕</button></header>
      ${story ? this._renderFields(story) : ''}
      <h2>TDD cycle</h2>${this._renderCycle()}
      <h2>Approvals about it</h2>${this._renderApprovals(approvalsAbout(this.store, project, this.storyId))}
      <h2>Messages about it</h2>${this._renderMessages()}
    </div>`;
  }

  _renderFields(story) {
    return html`<dl>
      <dt>Status</dt><dd data-testid="drawer-status">${story.status}</dd>
      <dt>Priority</dt><dd>${story.priority}</dd>
      <dt>Points</dt><dd>${story.points ?? '—'}</dd>
      <dt>Assignee</dt><dd>${story.assignee ? agentName(story.assignee) : 'Unassigned'}</dd>
      <dt>Epic</dt><dd>${story.epic_id ?? '—'}</dd>
      <dt>Criteria</dt><dd class="criteria" data-testid="drawer-criteria">${story.criteria || 'None yet: /story update '
        + `${story.id} criteria "…"`}</dd>
    </dl>`;
  }

  _renderCycle() {
    const phase = phaseOf(this.snapshot, this.storyId);
    const moves = storyTimeline(this.snapshot, this.storyId);
    return html`<p data-testid="drawer-cycle">${phase ? html`Now: <span class="chip ${phaseWord(phase)}">${phaseWord(phase)}</span>
        <span class="meta">(${phase})</span>` : html`No TDD cycle yet: <code>/tdd start ${this.storyId}</code> during the sprint.`}</p>
      ${moves.length ? html`<ol data-testid="drawer-timeline">${moves.map((m) => html`<li>${m.text}
        <span class="meta">· ${m.by} · ${time(m.at)}</span>${this._renderEvidence(m.move)}</li>`)}</ol>` : ''}
      <p class="meta">The cycle's older moves are in its log: <button data-testid="drawer-tdd-logs"
        @click=${() => this._compose(`/tdd logs ${this.storyId}`)}>/tdd logs ${this.storyId}</button></p>`;
  }

  /** A TDD move's tests, CI, commit and link, with its warning when the evidence contradicted the phase. */
  _renderEvidence(move) {
    if (!move) {
      return '';
    }
    const parts = evidenceParts(move);
    const link = evidenceLink(move);
    return parts.length || link || move.warning ? html`<span class="evidence" data-testid="drawer-evidence">
      ${parts.join(' · ')}${link ? html` · <a href=${link} target="_blank" rel="noopener noreferrer">run</a>` : ''}
      ${move.warning ? html`<span class="warning">⚠ ${move.warning}</span>` : ''}</span>` : '';
  }

  _renderApprovals(approvals) {
    if (!approvals.length) {
      return html`<p class="meta">No approval about ${this.storyId}.</p>`;
    }
    return html`<ul data-testid="drawer-approvals">${approvals.map((a) => html`<li data-testid="drawer-approval">
      ${a.channel && a.message_id ? html`<a href=${messageHref(a.channel, a.message_id)}>${a.title}</a>` : a.title}
      <span class="meta">· ${a.status} · ${a.requested_by}${a.context?.tdd_phase ? ` · ${a.context.tdd_phase}` : ''}</span></li>`)}</ul>`;
  }

  _renderMessages() {
    if (this._error) {
      return html`<p class="meta">${this._error}</p>`;
    }
    if (!this._messages) {
      return html`<p class="meta">Searching…</p>`;
    }
    if (!this._messages.length) {
      return html`<p class="meta">No message mentions ${this.storyId}.</p>`;
    }
    return html`<ul data-testid="drawer-messages">${this._messages.map((m) => html`<li data-testid="drawer-message">
      <a href=${messageHref(m.channel, m.message_id)}>${channelLabel(m.channel)} · ${authorLabel(m)} · ${dateTime(m.created_at)}</a>
      <div class="md">${unsafeHTML(renderMarkdown(m.content))}</div></li>`)}</ul>`;
  }

  async _load() {
    const id = this.storyId;
    this._messages = null;
    this._error = '';
    try {
      const results = await api.search(id, boundChannel(this.store, this.snapshot?.project) ?? undefined);
      if (id === this.storyId) {
        this._messages = results.slice(0, 20);
      }
    } catch (error) {
      this._error = `Could not search the messages: ${error.message}`;
    }
  }

  _compose(text) {
    const channel = boundChannel(this.store, this.snapshot?.project) ?? undefined;
    this.dispatchEvent(new CustomEvent('compose', { detail: { text, channel }, bubbles: true, composed: true }));
  }

  _close() {
    this.dispatchEvent(new CustomEvent('close'));
  }
}
customElements.define('story-drawer', StoryDrawer);
