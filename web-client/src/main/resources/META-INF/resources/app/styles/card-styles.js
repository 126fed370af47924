// The frame an approval card and a flow group's card share: the bordered box, its title line, the
// countdown, the button row and the error line.
import { css } from 'lit';

export const cardStyles = css`
  :host { display: block; max-width: 720px; }
  .card { border: 1px solid var(--warn); border-left-width: 4px; border-radius: var(--radius); background: var(--bg-side); padding: 12px 14px; margin: 4px 0; }
  .title { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; font-weight: 700; color: var(--text-strong); margin-bottom: 6px; }
  .expires { margin-left: auto; font-size: 12px; color: var(--warn); font-weight: 400; }
  .buttons { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
  .error { color: var(--danger-text); font-size: 13px; margin-top: 6px; }
`;
