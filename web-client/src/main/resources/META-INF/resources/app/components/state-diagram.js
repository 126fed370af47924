import { LitElement, svg, css } from 'lit';

// Where each state of the project machine sits, and the transitions between them (workflow.md).
const NODES = {
  IDLE: [10, 10, 'Idle'],
  BACKLOG_READY: [110, 10, 'Backlog'],
  SPRINT_PLANNED: [210, 10, 'Planned'],
  SPRINT_ACTIVE: [210, 75, 'Active'],
  SPRINT_PAUSED: [210, 140, 'Paused'],
  SPRINT_REVIEW: [110, 75, 'Review'],
  BLOCKED: [110, 140, 'Blocked'],
};
const EDGES = [
  ['IDLE', 'BACKLOG_READY'], ['BACKLOG_READY', 'SPRINT_PLANNED'], ['SPRINT_PLANNED', 'SPRINT_ACTIVE'],
  ['SPRINT_ACTIVE', 'SPRINT_PAUSED'], ['SPRINT_ACTIVE', 'SPRINT_REVIEW'], ['SPRINT_ACTIVE', 'BLOCKED'],
  ['SPRINT_REVIEW', 'BACKLOG_READY'], ['SPRINT_REVIEW', 'IDLE'],
];
const W = 80;
const H = 30;

/** The project state machine as a small diagram with the current state lit. */
export class StateDiagram extends LitElement {
  static properties = { state: {} };

  static styles = css`
    :host { display: block; }
    svg { width: 100%; max-width: 320px; height: auto; }
    rect { fill: var(--bg-deep); stroke: var(--border); rx: 6; }
    .current rect { fill: var(--accent); stroke: var(--on-accent); }
    text { fill: var(--text-muted); font-size: 11px; text-anchor: middle; dominant-baseline: central; font-family: var(--font); }
    .current text { fill: var(--on-accent); font-weight: 700; }
    line { stroke: var(--border); stroke-width: 1.2; }
  `;

  render() {
    return svg`<svg viewBox="0 0 300 180" role="img" aria-label="Workflow state: ${this.state ?? 'unknown'}">
      ${EDGES.map(([from, to]) => {
        const [x1, y1] = center(from);
        const [x2, y2] = center(to);
        return svg`<line x1=${x1} y1=${y1} x2=${x2} y2=${y2}></line>`;
      })}
      ${Object.entries(NODES).map(([name, [x, y, label]]) => svg`
        <g class=${name === this.state ? 'current' : ''} data-state=${name}>
          <rect x=${x} y=${y} width=${W} height=${H}></rect>
          <text x=${x + W / 2} y=${y + H / 2}>${label}</text>
        </g>`)}
    </svg>`;
  }
}

function center(name) {
  const [x, y] = NODES[name];
  return [x + W / 2, y + H / 2];
}
customElements.define('state-diagram', StateDiagram);
