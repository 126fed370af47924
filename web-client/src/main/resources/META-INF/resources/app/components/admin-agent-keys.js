import { LitElement, html, css } from 'lit';
import { adminApi } from '../services/admin-api.js';
import { copyText } from '../services/code-blocks.js';
import { base } from '../styles/base-styles.js';
import { adminStyles } from '../styles/admin-styles.js';

const STATES = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

/** A time of the wire (ISO-8601) as the page shows it: to the minute, in UTC, or a dash. */
function when(instant) {
  return instant ? html`<time datetime=${instant}>${instant.slice(0, 16).replace('T', ' ')} UTC</time>` : '—';
}

/**
 * Agent keys: each lets one agent in at the MCP server (/mcp) as agent:<name>. An admin mints one
 * (label, project and expiry optional) and sees its secret this once, to copy: the server keeps
 * only its hash. Revoking asks first, in the row, and works at once.
 */
export class AdminAgentKeys extends LitElement {
  static properties = {
    _keys: { state: true },
    _minted: { state: true },
    _confirming: { state: true },
    _copied: { state: true },
    _status: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  static styles = [base, adminStyles, css`
    .minted { border: 1px solid var(--focus); border-radius: 8px; padding: 12px 14px; margin: 0 0 12px; }
    .minted p { margin: 0 0 8px; }
    .minted .secret { display: block; margin: 0 0 10px; }
    .minted strong { color: var(--text-strong); }
    .facts { flex: 1 1 100%; display: flex; flex-wrap: wrap; gap: 2px 16px; font-size: 12px; margin: 0; }
    .facts div { display: flex; gap: 4px; }
    .facts dt { color: var(--text-muted); }
    .facts dd { margin: 0; }
    code { font-family: var(--mono); }
  `];

  constructor() {
    super();
    this._keys = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this._load();
  }

  async _load() {
    try {
      this._keys = await adminApi.agentKeys();
    } catch (error) {
      this._fail(error);
    }
  }

  render() {
    return html`
      ${this._renderMint()}
      ${this._minted ? this._renderMinted() : ''}
      <div class="status" role="status" tabindex="-1" data-testid="keys-status">${this._status ?? ''}</div>
      ${this._error ? html`<div class="status error" role="alert" data-testid="keys-error">${this._error}</div>` : ''}
      ${this._keys === null ? html`<p class="muted">Loading agent keys…</p>`
        : this._keys.length === 0 ? html`<p class="muted" data-testid="no-keys">No agent has a key yet.</p>`
          : html`<ul class="rows" aria-label="Agent keys">${this._keys.map((k) => this._renderKey(k))}</ul>`}
    `;
  }

  _renderMint() {
    return html`<h3>Mint a key</h3>
      <form class="inline" @submit=${this._mint} data-testid="mint-key">
        <div class="field narrow"><label for="key-agent">Agent</label>
          <input id="key-agent" name="agent" required autocomplete="off" pattern="[a-z0-9][a-z0-9_\\-]{0,31}"
            aria-describedby="key-hint"></div>
        <div class="field"><label for="key-label">Label (optional)</label>
          <input id="key-label" name="label" maxlength="100" autocomplete="off"></div>
        <div class="field narrow"><label for="key-project">Project (optional)</label>
          <input id="key-project" name="project" autocomplete="off" pattern="[a-z0-9][a-z0-9_\\-]{0,63}"></div>
        <div class="field narrow"><label for="key-days">Expires in days (optional)</label>
          <input id="key-days" name="expires_in_days" type="number" min="1" max="3650" inputmode="numeric"></div>
        <button class="primary" type="submit" ?disabled=${this._busy}>Mint key</button>
      </form>
      <p class="hint" id="key-hint">The agent's name as it appears in the chat (agent:<em>name</em>): lower-case
        letters, digits, “-” and “_”. Without a project the key works in every project; without an expiry it
        works until revoked.</p>`;
  }

  _renderMinted() {
    const { key, secret } = this._minted;
    return html`<div class="minted" data-testid="minted-key" role="region" aria-labelledby="minted-title">
      <p id="minted-title" tabindex="-1"><strong>Key for agent ${key.agent}${key.label ? ` (${key.label})` : ''}.
        Copy it now: you won't see it again.</strong></p>
      <p class="hint">The server keeps only its hash. Give it to the agent as
        <code>Authorization: Bearer …</code> for <code>/mcp</code>.</p>
      <span class="secret" data-testid="key-secret">${secret}</span>
      <div class="actions">
        <button class="primary" data-testid="copy-secret" @click=${this._copy}>${this._copied ? 'Copied' : 'Copy key'}</button>
        <button data-testid="dismiss-secret" @click=${this._dismiss}>I have copied it</button>
      </div>
    </div>`;
  }

  _renderKey(key) {
    const confirming = this._confirming === key.id;
    const live = key.status === 'active';
    return html`<li data-testid="key-row" data-key=${key.id} data-agent=${key.agent}>
      <div class="who"><strong>agent:${key.agent}</strong>${key.label ? html` <span class="muted">${key.label}</span>` : ''}
        <code class="muted" data-testid="key-prefix">${key.prefix}…</code></div>
      <span class="state ${live ? '' : 'off'}" data-testid="key-state">${STATES[key.status] ?? key.status}</span>
      <div class="actions">
        ${!live ? '' : confirming ? html`
          <span id="confirm-${key.id}">Revoke this key? The agent is refused at once.</span>
          <button class="danger" data-testid="confirm-revoke" aria-describedby="confirm-${key.id}"
            @click=${() => this._revoke(key)}>Revoke</button>
          <button data-testid="cancel-revoke" @click=${() => this._cancel(key)}>Keep it</button>`
          : html`<button data-testid="revoke" aria-label="Revoke key ${key.prefix} of agent ${key.agent}"
            @click=${() => this._ask(key)}>Revoke…</button>`}
      </div>
      <dl class="facts">
        <div><dt>Project</dt><dd data-testid="key-project">${key.project ?? 'any'}</dd></div>
        <div><dt>Created</dt><dd>${when(key.created_at)}${key.created_by ? ` by ${key.created_by}` : ''}</dd></div>
        <div><dt>Expires</dt><dd>${key.expires_at ? when(key.expires_at) : 'never'}</dd></div>
        <div><dt>Last used</dt><dd data-testid="key-last-used">${key.last_used_at ? when(key.last_used_at) : 'never'}</dd></div>
        ${key.revoked_at ? html`<div><dt>Revoked</dt><dd>${when(key.revoked_at)}${key.revoked_by
          ? ` by ${key.revoked_by}` : ''}</dd></div>` : ''}
      </dl>
    </li>`;
  }

  async _mint(event) {
    event.preventDefault();
    const element = event.target; // the event's target is gone once the call has been awaited
    const form = new FormData(element);
    const agent = form.get('agent').trim();
    const request = {};
    const label = form.get('label').trim();
    const project = form.get('project').trim();
    const days = form.get('expires_in_days');
    if (label) request.label = label;
    if (project) request.project = project;
    if (days) request.expires_in_days = Number(days);
    this._busy = true;
    this._error = null;
    this._status = '';
    try {
      this._minted = await adminApi.mintAgentKey(agent, request);
      this._copied = false;
      element.reset();
      this._status = `A key for agent ${agent} was minted.`;
      await this._load();
      await this.updateComplete;
      this.renderRoot.querySelector('#minted-title')?.focus();
    } catch (error) {
      this._fail(error);
    } finally {
      this._busy = false;
    }
  }

  async _copy() {
    await copyText(this._minted.secret);
    this._copied = true;
  }

  /** Forgets the secret: from here on nobody can see it, this page included. */
  async _dismiss() {
    this._minted = null;
    await this.updateComplete;
    this.renderRoot.querySelector('#key-agent')?.focus();
  }

  async _ask(key) {
    this._confirming = key.id;
    await this.updateComplete;
    this.renderRoot.querySelector('[data-testid=confirm-revoke]')?.focus();
  }

  async _cancel(key) {
    this._confirming = null;
    await this.updateComplete;
    this.renderRoot.querySelector(`[data-key="${key.id}"] [data-testid=revoke]`)?.focus();
  }

  async _revoke(key) {
    this._confirming = null;
    this._error = null;
    this._status = '';
    try {
      await adminApi.revokeAgentKey(key.agent, key.id);
      this._status = `Key ${key.prefix}… of agent ${key.agent} was revoked.`;
    } catch (error) {
      this._fail(error);
    }
    await this._load();
    await this.updateComplete;
    // the buttons of the row are gone: the focus goes to what happened
    this.renderRoot.querySelector('[data-testid=keys-status]')?.focus();
  }

  _fail(error) {
    this._error = error.message ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` : 'That did not work.';
  }
}
customElements.define('admin-agent-keys', AdminAgentKeys);
