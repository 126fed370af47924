// The approvals inbox: tabs, filters, the rows of requests and what a bulk decision reports.
import { css } from 'lit';

export const inboxStyles = css`
  :host { display: block; padding: 12px 16px; }
  [role=tablist] { display: flex; gap: 4px; border-bottom: 1px solid var(--bg-deep); margin-bottom: 10px; }
  [role=tab] { background: transparent; border-radius: var(--radius) var(--radius) 0 0; padding: 8px 14px; }
  [role=tab][aria-selected=true] { background: var(--bg-input); color: var(--text-strong); font-weight: 600; }
  .filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; margin-bottom: 10px; }
  .filters label { display: grid; gap: 2px; font-size: 12px; color: var(--text-muted); }
  select { font: inherit; color: var(--text); background: var(--bg-deep); border: 1px solid var(--bg-input); border-radius: var(--radius); padding: 6px 8px; }
  .hint { font-size: 12px; margin: 0 0 8px; }
  kbd { font-family: var(--mono); font-size: 11px; background: var(--bg-deep); border-radius: 4px; padding: 1px 4px; }
  [role=grid] { display: grid; gap: 6px; }
  [role=row] { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 6px 12px; align-items: start;
    background: var(--bg-side); border: 1px solid var(--bg-deep); border-left: 4px solid var(--bg-deep); border-radius: var(--radius); padding: 8px 10px; }
  [role=row][aria-selected=true] { border-color: var(--focus); background: var(--bg-hover); }
  [role=row].urgent { border-left-color: var(--danger); }
  [role=row][data-status]:not([data-status=pending]) { border-style: dashed; }
  [role=row]:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
  .pick { display: flex; flex-direction: column; gap: 6px; align-items: flex-start; }
  .pick input { width: 18px; height: 18px; margin: 0; }
  .what { color: var(--text-strong); font-weight: 600; overflow-wrap: anywhere; }
  .meta { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 13px; color: var(--text-muted); margin-top: 2px; }
  .countdown { font-size: 13px; }
  /* darker than --ok and --danger: white text on them reads at 4.5:1 and more */
  button.ok { background: #1a7f45; }
  button.danger { background: #c42b30; }
  .countdown.urgent { color: #fff; background: #c42b30; border-radius: var(--radius); padding: 1px 6px; font-weight: 600; }
  .actions { grid-column: 2; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
  a.button { padding: 6px 8px; }
  .open { grid-column: 1 / -1; }
  .failed { grid-column: 1 / -1; color: var(--danger-text); font-size: 13px; }
  .report { background: var(--bg-deep); border-radius: var(--radius); padding: 8px 12px; margin-bottom: 10px; font-size: 14px; }
  .report ul { margin: 4px 0 0; padding-left: 20px; }
  .report .bad { color: var(--danger-text); }
  .empty { padding: 24px 0; }
  a { color: var(--link, #00a8fc); }
  @media (max-width: 700px) { .actions { grid-column: 1 / -1; } }
  @media (pointer: coarse) { button, select, a.button { min-height: 44px; display: inline-flex; align-items: center; } .pick input { width: 24px; height: 24px; } }
`;
