import { LitElement, html, css, nothing } from 'lit';
import { base } from '../styles/base-styles.js';
import { commandPrefix, prefixProblem } from '../services/approval-text.js';

/**
 * "Approve, and don't ask again": what the standing rule made with the approval covers (this agent
 * and type, or only its commands starting with a prefix) and for how long. Says `remember` with
 * `{until, command_prefix?}` when sent, `cancel` on Cancel or Escape.
 */
export class ApprovalRemember extends LitElement {
  static properties = {
    approval: { attribute: false },
    busy: { type: Boolean },
    /** The project's running sprint: a number, null when none runs, undefined when not known. */
    sprint: { attribute: false },
    _scope: { state: true },
    _until: { state: true },
    _prefix: { state: true },
    _error: { state: true },
  };

  static styles = [base, css`
    :host { display: block; }
    form { margin-top: 10px; padding: 10px 12px; border-radius: var(--radius); background: var(--bg-deep); display: grid; gap: 8px; }
    fieldset { border: 0; margin: 0; padding: 0; display: grid; gap: 6px; min-width: 0; }
    legend { font-weight: 600; color: var(--text-strong); font-size: 13px; padding: 0; margin-bottom: 4px; }
    label { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
    input[type=text] { flex: 1 1 160px; min-width: 0; font-family: var(--mono); font-size: 13px; padding: 4px 8px; background: var(--bg-input); }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; }
    .error { color: var(--danger-text); font-size: 13px; }
  `];

  constructor() {
    super();
    this._scope = 'type';
    this._error = '';
  }

  willUpdate(changed) {
    if (changed.has('approval') && this._prefix === undefined) {
      this._prefix = commandPrefix(this.approval?.context?.command);
    }
    if (this._until === undefined || (this._until === 'sprint' && this.sprint === null)) {
      // "this sprint" is the narrower trust, when there is a sprint to bound it
      this._until = Number.isInteger(this.sprint) ? 'sprint' : 'revoked';
    }
  }

  firstUpdated() {
    this.renderRoot.querySelector('input[name=scope]')?.focus();
  }

  render() {
    const a = this.approval ?? {};
    return html`<form data-testid="remember-form" aria-label="Approve, and don't ask again"
        @submit=${this._submit} @keydown=${this._keydown}>
      <fieldset>
        <legend>Don't ask again for</legend>
        <label><input type="radio" name="scope" value="type" .checked=${this._scope === 'type'}
          @change=${() => { this._scope = 'type'; }}> ${a.requested_by} · ${a.request_type} (any command)</label>
        <label><input type="radio" name="scope" value="prefix" .checked=${this._scope === 'prefix'}
          @change=${() => { this._scope = 'prefix'; }}> ${a.requested_by} · ${a.request_type}, commands starting with
          <input type="text" aria-label="Command prefix" data-testid="remember-prefix" maxlength="200" .value=${this._prefix ?? ''}
            @focus=${() => { this._scope = 'prefix'; }} @input=${(e) => { this._prefix = e.target.value; }}></label>
      </fieldset>
      <fieldset>
        <legend>For how long</legend>
        <label><input type="radio" name="until" value="sprint" .checked=${this._until === 'sprint'}
          ?disabled=${this.sprint === null} @change=${() => { this._until = 'sprint'; }}> This sprint${
          Number.isInteger(this.sprint) ? ` (sprint ${this.sprint})` : this.sprint === null ? ' (no sprint is running)' : ''}</label>
        <label><input type="radio" name="until" value="revoked" .checked=${this._until === 'revoked'}
          @change=${() => { this._until = 'revoked'; }}> Until revoked</label>
      </fieldset>
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      <div class="buttons">
        <button type="submit" class="ok" data-action="remember-submit" ?disabled=${this.busy}>Approve and make the rule</button>
        <button type="button" @click=${this._cancel}>Cancel</button>
      </div>
    </form>`;
  }

  _keydown(event) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this._cancel();
    }
  }

  _submit(event) {
    event.preventDefault();
    const remember = { until: this._until };
    if (this._scope === 'prefix') {
      const prefix = (this._prefix ?? '').trim();
      const problem = prefixProblem(prefix);
      if (problem) {
        this._error = problem;
        this.renderRoot.querySelector('[data-testid=remember-prefix]')?.focus();
        return;
      }
      remember.command_prefix = prefix;
    }
    this._error = '';
    this.dispatchEvent(new CustomEvent('remember', { detail: remember }));
  }

  _cancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }
}
customElements.define('approval-remember', ApprovalRemember);
