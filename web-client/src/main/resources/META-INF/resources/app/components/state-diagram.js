import { LitElement, html, svg, css } from 'lit';

// Where each state of the project machine sits, and every transition between them: the commands
// of the state-broadcaster's CommandTable and the signals of WorkflowMachine.signal.
const NODES = {
  IDLE: [10, 10, 'Idle'],
  BACKLOG_READY: [125, 10, 'Backlog'],
  SPRINT_PLANNED: [240, 10, 'Planned'],
  SPRINT_REVIEW: [125, 85, 'Review'],
  SPRINT_ACTIVE: [240, 85, 'Active'],
  BLOCKED: [355, 85, 'Blocked'],
  SPRINT_PAUSED: [240, 160, 'Paused'],
};
export const TRANSITIONS = [
  ['IDLE', 'BACKLOG_READY', '/epic'],
  ['BACKLOG_READY', 'SPRINT_PLANNED', '/sprint plan'],
  ['SPRINT_PLANNED', 'SPRINT_ACTIVE', '/sprint start'],
  ['SPRINT_ACTIVE', 'SPRINT_PAUSED', '/sprint pause'],
  ['SPRINT_PAUSED', 'SPRINT_ACTIVE', '/sprint resume'],
  ['SPRINT_ACTIVE', 'SPRINT_REVIEW', '/sprint end, or all tasks complete'],
  ['SPRINT_PAUSED', 'SPRINT_REVIEW', '/sprint end'],
  ['SPRINT_ACTIVE', 'BLOCKED', 'CI failed 3 times in a row'],
  ['BLOCKED', 'SPRINT_ACTIVE', '/suggest_fix or /skip_task'],
  ['SPRINT_REVIEW', 'BACKLOG_READY', '/request_changes'],
  ['SPRINT_REVIEW', 'IDLE', '/feedback'],
];
const W = 90;
const H = 30;

/**
 * The project state machine: every state and transition, the current state marked in words, and
 * the commands allowed now as buttons that put the command in the composer (a `compose` event).
 */
export class StateDiagram extends LitElement {
  static properties = { state: {}, allowed: { attribute: false } };

  static styles = css`
    :host { display: block; }
    svg { width: 100%; max-width: 360px; height: auto; }
    rect { fill: var(--bg-deep); stroke: var(--border); rx: 6; }
    .current rect { fill: var(--accent-hover); stroke: var(--on-accent); stroke-width: 2; }
    text { fill: var(--text-strong); font-size: 12px; text-anchor: middle; dominant-baseline: central; font-family: var(--font); }
    .current text { fill: var(--on-accent); font-weight: 700; }
    line { stroke: var(--text-muted); stroke-width: 1.2; }
    .arrow { fill: var(--text-muted); }
    .now { font-size: 13px; margin: 4px 0; }
    .commands { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
    button { font: inherit; font-size: 13px; font-family: var(--mono); color: var(--text); background: var(--bg-input);
      border: 0; border-radius: var(--radius); padding: 4px 8px; cursor: pointer; }
    button:hover { background: var(--bg-hover); color: var(--text-strong); }
    button:focus-visible, summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
    details { font-size: 13px; color: var(--text-muted); margin-top: 6px; }
    summary { cursor: pointer; }
    ul { margin: 4px 0; padding-left: 18px; }
    @media (pointer: coarse) { button { min-height: 44px; min-width: 44px; } }
  `;

  render() {
    const label = NODES[this.state]?.[2];
    return html`
      <p class="now" data-testid="diagram-now">Now: <b>${label ?? 'unknown'}</b>${this.state ? ` (${this.state})` : ''}</p>
      ${svg`<svg viewBox="0 0 455 200" role="img" aria-label="Workflow states; now ${this.state ?? 'unknown'}">
        <defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path class="arrow" d="M0,0 L8,4 L0,8 z"></path></marker></defs>
        ${TRANSITIONS.map(([from, to, how]) => edge(from, to, how))}
        ${Object.entries(NODES).map(([name, [x, y, text]]) => svg`
          <g class=${name === this.state ? 'current' : ''} data-state=${name}>
            <rect x=${x} y=${y} width=${W} height=${H}></rect>
            <text x=${x + W / 2} y=${y + H / 2}>${name === this.state ? `▶ ${text}` : text}</text>
          </g>`)}
      </svg>`}
      ${(this.allowed ?? []).length ? html`<div class="commands" role="group" aria-label="Allowed now">
        ${this.allowed.map((command) => html`<button data-command=${command} title="Put ${command} in the message box"
          @click=${() => this._compose(command)}>${command}</button>`)}</div>` : ''}
      <details><summary>All transitions</summary><ul data-testid="transitions">
        ${TRANSITIONS.map(([from, to, how]) => html`<li data-transition="${from}>${to}">${from} → ${to}: ${how}</li>`)}
      </ul></details>
    `;
  }

  _compose(command) {
    this.dispatchEvent(new CustomEvent('compose', { detail: `${command} `, bubbles: true, composed: true }));
  }
}

/** An arrow between two boxes, from border to border; a pair going both ways is drawn apart. */
function edge(from, to, how) {
  const [x1, y1] = center(from);
  const [x2, y2] = center(to);
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  const both = TRANSITIONS.some(([f, t]) => f === to && t === from);
  const [ox, oy] = both ? [(-dy / length) * 5, (dx / length) * 5] : [0, 0];
  const t = Math.min(W / 2 / Math.abs(dx || 1e-9), H / 2 / Math.abs(dy || 1e-9));
  return svg`<g data-edge="${from}>${to}"><title>${from} → ${to}: ${how}</title>
    <line x1=${x1 + dx * t + ox} y1=${y1 + dy * t + oy} x2=${x2 - dx * t + ox} y2=${y2 - dy * t + oy}
          marker-end="url(#arrow)"></line></g>`;
}

function center(name) {
  const [x, y] = NODES[name];
  return [x + W / 2, y + H / 2];
}
customElements.define('state-diagram', StateDiagram);
