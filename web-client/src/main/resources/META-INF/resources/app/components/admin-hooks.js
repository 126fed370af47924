import { LitElement, html, css } from 'lit';
import { hooksApi } from '../services/hooks-api.js';
import { copyText } from '../services/code-blocks.js';
import { StoreController } from '../state/store-controller.js';
import { base } from '../styles/base-styles.js';
import { adminStyles } from '../styles/admin-styles.js';

/**
 * Webhooks: an admin makes one for a channel (incoming, or GitHub with its project), sees its URL
 * and GitHub's signing secret this once, with copy buttons, and revokes hooks. The list never
 * holds a secret: the server keeps none it could show again.
 */
export class AdminHooks extends LitElement {
  static properties = {
    _hooks: { state: true },
    _kind: { state: true },
    _made: { state: true },
    _status: { state: true },
    _error: { state: true },
  };

  static styles = [base, adminStyles, css`
    .once { border: 1px solid var(--focus); border-radius: 8px; padding: 10px 12px; margin: 0 0 12px; }
    .once code { overflow-wrap: anywhere; }
    .once .line { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0; }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.channels }).store;
    this._hooks = null;
    this._kind = 'incoming';
    this._made = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this._load();
  }

  async _load() {
    try {
      this._hooks = await hooksApi.list();
    } catch (error) {
      this._fail(error);
    }
  }

  render() {
    const channels = this.store.channels.filter((c) => c.kind === 'public');
    return html`
      <h3>Make a hook</h3>
      <form class="inline" @submit=${this._create} data-testid="create-hook">
        <div class="field narrow"><label for="hook-kind">Kind</label>
          <select id="hook-kind" name="kind" @change=${(e) => { this._kind = e.target.value; }}>
            <option value="incoming">Incoming</option><option value="github">GitHub</option></select></div>
        <div class="field narrow"><label for="hook-channel">Channel</label>
          <select id="hook-channel" name="channel">${channels.map((c) => html`<option value=${c.name}>#${c.name}</option>`)}</select></div>
        <div class="field"><label for="hook-name">Bot name</label>
          <input id="hook-name" name="name" required maxlength="80" autocomplete="off"></div>
        ${this._kind === 'github' ? html`<div class="field narrow"><label for="hook-project">Project</label>
          <input id="hook-project" name="project" autocomplete="off" pattern="[a-z0-9_\\-]{1,64}" placeholder="default"></div>` : ''}
        <button class="primary" type="submit">Make hook</button>
      </form>
      <p class="hint">Incoming: post <code>{"text": "…"}</code> to its URL. GitHub: CI results signal the project; see the operations guide.</p>
      ${this._renderMade()}
      <div class="status" role="status" data-testid="hooks-status">${this._status ?? ''}</div>
      ${this._error ? html`<div class="status error" role="alert" data-testid="hooks-error">${this._error}</div>` : ''}
      ${this._renderList()}
    `;
  }

  _renderMade() {
    if (!this._made) {
      return '';
    }
    return html`<div class="once" data-testid="hook-secrets">
      <strong>Copy these now: they are shown only once.</strong>
      <div class="line"><span>URL</span> <code data-testid="hook-url">${this._made.url}</code>
        <button type="button" data-testid="copy-url" @click=${() => this._copy(this._made.url, 'URL')}>Copy URL</button></div>
      ${this._made.signing_secret ? html`<div class="line"><span>Signing secret</span>
        <code data-testid="hook-signing-secret">${this._made.signing_secret}</code>
        <button type="button" data-testid="copy-secret" @click=${() => this._copy(this._made.signing_secret, 'Signing secret')}>Copy secret</button></div>` : ''}
      <button type="button" data-testid="hide-secrets" @click=${() => { this._made = null; }}>Done</button>
    </div>`;
  }

  _renderList() {
    if (this._hooks === null) {
      return html`<p class="muted">Loading hooks…</p>`;
    }
    if (!this._hooks.length) {
      return html`<p class="muted" data-testid="no-hooks">No hooks yet.</p>`;
    }
    return html`<ul class="rows" aria-label="Hooks">${this._hooks.map((h) => html`
      <li data-testid="hook-row" data-hook=${h.id}>
        <div class="who"><strong>${h.name}</strong> <span class="state">${h.kind === 'github' ? 'GitHub' : 'Incoming'}</span>
          → #${h.channel}${h.project ? html` <span class="muted">project ${h.project}</span>` : ''}
          <span class="muted">by ${h.created_by}</span></div>
        <button data-testid="revoke-hook" aria-label="Revoke ${h.name}" @click=${() => this._revoke(h)}>Revoke</button>
      </li>`)}</ul>`;
  }

  _create(event) {
    event.preventDefault();
    const element = event.target; // the event's target is gone once the call has been awaited
    const form = new FormData(element);
    const hook = { kind: form.get('kind'), channel: form.get('channel'), name: form.get('name').trim() };
    if (hook.kind === 'github' && form.get('project')?.trim()) {
      hook.project = form.get('project').trim();
    }
    return this._act(async () => {
      this._made = await hooksApi.create(hook);
      element.reset();
      this._kind = 'incoming';
      await this._load();
      return `${hook.name} was made for #${hook.channel}.`;
    });
  }

  _revoke(hook) {
    return this._act(async () => {
      await hooksApi.revoke(hook.id);
      await this._load();
      return `${hook.name} was revoked; its URL answers nothing now.`;
    });
  }

  async _copy(text, what) {
    await copyText(text);
    this._status = `${what} copied.`;
  }

  async _act(action) {
    this._error = null;
    this._status = '';
    try {
      this._status = await action();
    } catch (error) {
      this._fail(error);
    }
  }

  _fail(error) {
    this._error = error.message ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` : 'That did not work.';
  }
}
customElements.define('admin-hooks', AdminHooks);
