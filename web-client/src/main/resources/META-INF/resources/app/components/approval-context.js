import { LitElement, html, css, nothing } from 'lit';
import { base } from '../styles/base-styles.js';
import { markdown } from '../styles/markdown-styles.js';
import { highlightPlainCode } from '../services/markdown.js';
import { codeBlock } from './approval-payload.js';

/**
 * What a request says of itself besides its payload (`context`: why, the command, the diff, the
 * story and TDD phase, links) and, in learning mode, what deciding it will do (`explanation`).
 * What the payload already shows (approval-payload: a code change's diff, a state change's reason)
 * is not shown twice.
 */
export class ApprovalContext extends LitElement {
  static properties = {
    approval: { attribute: false },
  };

  static styles = [base, markdown, css`
    :host { display: block; }
    .context { display: grid; gap: 4px; margin: 6px 0; font-size: 14px; }
    .label { color: var(--text-muted); font-weight: 600; font-size: 13px; }
    .story code, .command code { font-family: var(--mono); font-size: 0.875em; background: var(--bg-deep); padding: 1px 4px; border-radius: 4px; }
    .command code { overflow-wrap: anywhere; }
    details summary { cursor: pointer; color: var(--text-muted); font-size: 13px; }
    details summary:focus-visible { outline: 2px solid var(--accent); border-radius: 4px; }
    ul.links { margin: 0; padding-left: 20px; }
    a { color: var(--link); overflow-wrap: anywhere; }
    @media (pointer: coarse) { .links a { display: inline-flex; align-items: center; min-height: 44px; min-width: 44px; } }
    .learning { margin: 8px 0; padding: 8px 10px; border-radius: var(--radius); background: var(--tint-accent);
      border-left: 3px solid var(--accent); font-size: 14px; display: grid; gap: 4px; }
  `];

  updated() {
    highlightPlainCode(this.renderRoot).catch(() => {}); // code shown before highlight.js came: highlighted now
  }

  render() {
    const a = this.approval ?? {};
    const c = isObject(a.context) ? a.context : {};
    const payload = isObject(a.payload) ? a.payload : {};
    const reason = text(c.reason);
    const shownReason = a.request_type === 'state_transition' && [payload.reason, payload.why].includes(reason);
    const diff = text(c.diff);
    const shownDiff = a.request_type === 'code_change' && payload.diff === diff;
    const links = (Array.isArray(c.links) ? c.links : []).filter((l) => /^https?:\/\//i.test(String(l)));
    const story = text(c.story_id);
    const phase = text(c.tdd_phase);
    const command = text(c.command);
    return html`
      ${this._renderExplanation(a.explanation)}
      <div class="context" data-testid="approval-context">
        ${story || phase ? html`<div class="story" data-testid="context-story">
          ${story ? html`<span class="label">Story</span> <code>${story}</code>` : nothing}
          ${phase ? html`<span class="label">TDD phase</span> <code>${phase}</code>` : nothing}</div>` : nothing}
        ${reason && !shownReason ? html`<div data-testid="context-reason"><span class="label">Why:</span> ${reason}</div>` : nothing}
        ${command ? html`<div class="command" data-testid="context-command"><span class="label">Command:</span>
          <code>${command}</code></div>` : nothing}
        ${diff && !shownDiff ? html`<details data-testid="context-diff">
          <summary>Diff (${diff.split('\n').length} lines)</summary>${codeBlock(diff, 'diff')}</details>` : nothing}
        ${links.length ? html`<div data-testid="context-links"><span class="label">Links</span><ul class="links">
          ${links.map((l) => html`<li><a href=${l} target="_blank" rel="noopener noreferrer">${l}</a></li>`)}</ul></div>` : nothing}
      </div>`;
  }

  /** Learning mode: the card teaches what the decision does before it is made. */
  _renderExplanation(explanation) {
    if (!isObject(explanation)) {
      return nothing;
    }
    const { approve, reject, why } = explanation;
    return html`<div class="learning" data-testid="explanation" role="note" aria-label="What this decision does">
      ${text(approve) ? html`<div><span class="label">Approving will:</span> ${approve}</div>` : nothing}
      ${text(reject) ? html`<div><span class="label">Rejecting will:</span> ${reject}</div>` : nothing}
      ${text(why) ? html`<div><span class="label">Why this needs approval:</span> ${why}</div>` : nothing}
    </div>`;
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value) {
  return value === null || value === undefined || typeof value === 'object' || String(value).trim() === ''
    ? null : String(value);
}
customElements.define('approval-context', ApprovalContext);
