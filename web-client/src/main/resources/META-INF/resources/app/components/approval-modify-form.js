import { LitElement, html, css } from 'lit';
import { base } from '../styles/base-styles.js';

// Text longer than this, or of more than one line, is edited in a text area.
const LONG = 80;

/**
 * "Modify": a form made from the payload's own fields (text, numbers, yes/no, long text; lists and
 * objects as JSON of their own), and the whole payload as JSON only under "Advanced". Says `modify`
 * with the changed payload, or `cancel` (Cancel, Escape); input that is not what the field holds
 * says so and sends nothing.
 */
export class ApprovalModifyForm extends LitElement {
  static properties = {
    payload: { attribute: false },
    busy: { type: Boolean },
    _advanced: { state: true },
    _error: { state: true },
    _draft: { state: true },
  };

  static styles = [base, css`
    :host { display: block; }
    form { margin-top: 10px; padding: 10px 12px; border-radius: var(--radius); background: var(--bg-deep); display: grid; gap: 8px; }
    label { display: grid; gap: 2px; font-size: 13px; }
    label.check { display: flex; gap: 6px; align-items: center; }
    .name { color: var(--text-muted); font-weight: 600; font-family: var(--mono); }
    input[type=text], textarea { width: 100%; background: var(--bg-input); }
    textarea { min-height: 80px; font-family: var(--mono); font-size: 13px; resize: vertical; }
    textarea.raw { min-height: 180px; }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; }
    .error { color: var(--danger-text); font-size: 13px; }
    @media (pointer: coarse) { button, input { min-height: 44px; } }
  `];

  willUpdate(changed) {
    if (changed.has('payload')) {
      this._draft = this._payload();
    }
  }

  firstUpdated() {
    this.renderRoot.querySelector('input, textarea')?.focus();
  }

  render() {
    const fields = Object.entries(this._draft);
    return html`<form data-testid="modify-form" aria-label="Modify the request" novalidate
        @submit=${this._submit} @keydown=${this._keydown}>
      ${this._advanced || !fields.length ? html`<label><span class="name">Payload (JSON)</span>
          <textarea class="raw" name="raw" data-testid="modify-raw" .value=${JSON.stringify(this._draft, null, 2)}></textarea></label>`
        : fields.map(([key, value]) => this._field(key, value))}
      ${this._error ? html`<div class="error" role="alert" data-testid="modify-error">${this._error}</div>` : ''}
      <div class="buttons">
        <button type="submit" class="primary" ?disabled=${this.busy} data-action="modify-submit">Approve with changes</button>
        <button type="button" data-action="modify-advanced" aria-pressed=${this._advanced ? 'true' : 'false'}
          @click=${this._switch}>Advanced: edit as JSON</button>
        <button type="button" @click=${this._cancel}>Cancel</button>
      </div>
    </form>`;
  }

  _field(key, value) {
    const name = html`<span class="name">${key}</span>`;
    if (typeof value === 'boolean') {
      return html`<label class="check"><input type="checkbox" data-field=${key} data-kind="boolean" .checked=${value}>${name}</label>`;
    }
    if (typeof value === 'number') {
      return html`<label>${name}<input type="text" inputmode="decimal" data-field=${key} data-kind="number" .value=${String(value)}></label>`;
    }
    if (value !== null && typeof value === 'object') {
      return html`<label>${name} <span class="muted">(JSON)</span>
        <textarea data-field=${key} data-kind="json" .value=${JSON.stringify(value, null, 2)}></textarea></label>`;
    }
    const text = value === null ? '' : String(value);
    return text.length > LONG || text.includes('\n')
      ? html`<label>${name}<textarea data-field=${key} data-kind="text" .value=${text}></textarea></label>`
      : html`<label>${name}<input type="text" data-field=${key} data-kind=${value === null ? 'nullable' : 'text'} .value=${text}></label>`;
  }

  /** Between the fields and the JSON, carrying what was typed; what can't be read stays where it is, saying why. */
  _switch() {
    try {
      this._draft = this._read();
      this._advanced = !this._advanced;
      this._error = '';
    } catch (error) {
      this._error = error.message;
    }
  }

  _payload() {
    const p = this.payload;
    return p && typeof p === 'object' && !Array.isArray(p) ? p : {};
  }

  /** The payload as edited, or throws an Error that says which field is wrong and why. */
  _read() {
    const raw = this.renderRoot.querySelector('textarea[name=raw]');
    if (raw) {
      let parsed;
      try {
        parsed = JSON.parse(raw.value);
      } catch (error) {
        throw new Error(`That is not valid JSON: ${error.message}`);
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error('The payload must be a JSON object.');
      }
      return parsed;
    }
    const edited = { ...this._draft };
    for (const input of this.renderRoot.querySelectorAll('[data-field]')) {
      edited[input.dataset.field] = readField(input);
    }
    return edited;
  }

  _submit(event) {
    event.preventDefault();
    try {
      const modifications = this._read();
      this._error = '';
      this.dispatchEvent(new CustomEvent('modify', { detail: { modifications } }));
    } catch (error) {
      this._error = error.message;
    }
  }

  _keydown(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      this._cancel();
    }
  }

  _cancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }
}

function readField(input) {
  const key = input.dataset.field;
  switch (input.dataset.kind) {
    case 'boolean': return input.checked;
    case 'number': {
      const text = input.value.trim();
      const number = text === '' ? NaN : Number(text);
      if (!Number.isFinite(number)) {
        throw new Error(`“${key}” must be a number; “${input.value}” is not one.`);
      }
      return number;
    }
    case 'json':
      try {
        return JSON.parse(input.value);
      } catch (error) {
        throw new Error(`“${key}” must be JSON: ${error.message}`);
      }
    case 'nullable': return input.value === '' ? null : input.value;
    default: return input.value;
  }
}
customElements.define('approval-modify-form', ApprovalModifyForm);
