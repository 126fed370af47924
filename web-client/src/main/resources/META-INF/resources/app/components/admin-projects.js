import { LitElement, html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { highlightPlainCode, renderMarkdown } from '../services/markdown.js';
import { StoreController } from '../state/store-controller.js';
import { base } from '../styles/base-styles.js';
import { adminStyles } from '../styles/admin-styles.js';

/**
 * Projects and the channels they are bound to. Everything here runs the workflow's own slash
 * commands through the chat's command path (`/project list`, `create`, `archive`, and `bind` /
 * `unbind` typed in the channel concerned), so the state-broadcaster decides as it always does.
 */
export class AdminProjects extends LitElement {
  static properties = {
    _list: { state: true },
    _answer: { state: true },
  };

  static styles = [base, adminStyles];

  constructor() {
    super();
    this.store = new StoreController(this).store;
    this._list = null;
    this._answer = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this._refresh();
  }

  updated() {
    highlightPlainCode(this.renderRoot).catch(() => {}); // code shown before highlight.js came: highlighted now
  }

  render() {
    const channels = this.store.channels.filter((c) => c.kind === 'public');
    return html`
      <h3>Projects</h3>
      <div class="md" data-testid="project-list">${this._list === null ? html`<p class="muted">Asking the workflow…</p>`
        : unsafeHTML(renderMarkdown(this._list))}</div>
      <form class="inline" @submit=${this._create} data-testid="create-project">
        <div class="field narrow"><label for="project-name">New project</label>
          <input id="project-name" name="project" required autocomplete="off" pattern="[a-z0-9_\\-]{1,64}"></div>
        <button class="primary" type="submit">Create</button>
      </form>
      <form class="inline" @submit=${this._archive}>
        <div class="field narrow"><label for="archive-project">Project to archive</label>
          <input id="archive-project" name="project" required autocomplete="off"></div>
        <button type="submit">Archive project</button>
      </form>
      <h3>Bindings</h3>
      <form class="inline" @submit=${this._bind} data-testid="bind-project">
        <div class="field narrow"><label for="bind-project">Project</label>
          <input id="bind-project" name="project" required autocomplete="off"></div>
        <div class="field narrow"><label for="bind-channel">Channel</label>
          <select id="bind-channel" name="channel">${channels.map((c) => html`<option value=${c.name}>#${c.name}</option>`)}</select></div>
        <button class="primary" type="submit">Bind</button>
      </form>
      <div class="status" role="status" data-testid="projects-status">${this._answer?.text ?? ''}</div>
      <ul class="rows" aria-label="Channels and their projects">${channels.map((c) => this._renderChannel(c))}</ul>
    `;
  }

  _renderChannel(channel) {
    const project = channel.project ?? 'default';
    const state = this.store.snapshotOf(channel.project)?.state;
    return html`<li data-testid="binding-row" data-channel=${channel.name}>
      <div class="who"><strong>#${channel.name}</strong> → <span data-testid="bound-project">${channel.project
        ? project : 'default project'}</span>${state ? html` <span class="state">${state}</span>` : ''}</div>
      ${channel.project ? html`<button aria-label="Unbind #${channel.name}" data-testid="unbind"
        @click=${() => this._run(channel.name, '/project unbind')}>Unbind</button>` : ''}
    </li>`;
  }

  _create(event) {
    event.preventDefault();
    const element = event.target; // the event's target is gone once the command has been awaited
    const name = new FormData(element).get('project').trim();
    return this._run(this._anyChannel(), `/project create ${name}`, () => element.reset());
  }

  _archive(event) {
    event.preventDefault();
    const element = event.target;
    const name = new FormData(element).get('project').trim();
    return this._run(this._anyChannel(), `/project archive ${name}`, () => element.reset());
  }

  _bind(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    return this._run(form.get('channel'), `/project bind ${form.get('project').trim()}`);
  }

  /** Runs a command typed in `channel`; says the workflow's answer and lists the projects again. */
  async _run(channel, command, done) {
    const answer = await this._command(channel, command);
    this._answer = answer;
    if (answer.ok) {
      done?.();
    }
    await this._refresh();
  }

  async _refresh() {
    const answer = await this._command(this._anyChannel(), '/project list');
    this._list = answer.text;
  }

  async _command(channel, content) {
    try {
      const result = await this.store.socket.request({ type: 'message.send', channel, content });
      // the status line is plain text: the answer's Markdown emphasis would show as asterisks
      const text = [result.message, result.hint].filter(Boolean).join(' ').replace(/\*\*/g, '');
      return { ok: result.ok !== false, text: text || 'Done.' };
    } catch (error) {
      return { ok: false, text: error.message };
    }
  }

  /** Where commands that name their project are typed: any public channel will do. */
  _anyChannel() {
    const publicChannels = this.store.channels.filter((c) => c.kind === 'public');
    return (publicChannels.find((c) => c.name === 'general') ?? publicChannels[0])?.name ?? 'general';
  }
}
customElements.define('admin-projects', AdminProjects);
