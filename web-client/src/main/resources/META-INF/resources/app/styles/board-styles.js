// The boards' shared look (projects, sprint, agents): cards, badges and chips whose meaning is in
// their text and shape; colour only repeats it, and every text keeps 4.5:1 on its background.
import { css } from 'lit';

export const board = css`
  :host { display: block; padding: 16px; }
  h2 { font-size: 13px; text-transform: uppercase; color: var(--text-muted); margin: 18px 0 8px; letter-spacing: 0.02em; }
  ul.grid { list-style: none; margin: 0; padding: 0; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px; }
  .card { background: var(--bg-side); border: 1px solid var(--bg-deep); border-radius: 8px; padding: 12px; min-width: 0; }
  .card h2, .card h3 { margin: 0 0 6px; font-size: 15px; color: var(--text-strong); overflow-wrap: anywhere; text-transform: none; letter-spacing: normal; }
  .meta { font-size: 13px; color: var(--text-muted); }
  .row { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; }
  .badge, .chip { display: inline-flex; align-items: center; gap: 4px; border-radius: 12px; padding: 2px 8px;
    font-size: 12px; font-weight: 700; background: var(--bg-deep); color: var(--text-strong); border: 1px solid #4e5058; }
  .badge.SPRINT_ACTIVE, .chip.green, .status.online { border-color: var(--ok); }
  .badge.BLOCKED, .chip.red { border-color: var(--danger); }
  .badge.SPRINT_PAUSED, .chip.refactor, .status.idle { border-color: var(--warn); }
  .status.busy { border-color: var(--accent); }
  .evidence { display: block; font-size: 12px; color: var(--text-muted); margin-top: 4px; overflow-wrap: anywhere; }
  .evidence.failing::before { content: "✗ "; color: var(--danger-text); font-weight: 700; }
  .evidence.passing::before { content: "✓ "; color: var(--ok); font-weight: 700; }
  .empty { color: var(--text-muted); padding: 12px; border: 1px dashed #4e5058; border-radius: 8px; }
  .empty code, code { font-family: var(--mono); background: var(--bg-deep); padding: 1px 4px; border-radius: 4px; color: var(--text-strong); }
  a { color: #00a8fc; }
  progress { width: 100%; height: 6px; }
  select { font: inherit; color: var(--text); background: var(--bg-deep); border: 1px solid #4e5058; border-radius: var(--radius); padding: 6px 8px; }
  @media (pointer: coarse) {
    button, select, a.target { min-height: 44px; min-width: 44px; }
  }
`;
