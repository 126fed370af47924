// Styles every component shares: boxes, buttons, inputs.
import { css } from 'lit';

export const base = css`
  :host { box-sizing: border-box; }
  *, *::before, *::after { box-sizing: inherit; }
  button {
    font: inherit; color: var(--text); background: var(--bg-input); border: 0; border-radius: var(--radius);
    padding: 6px 12px; cursor: pointer;
  }
  button:hover { background: var(--bg-hover); color: var(--text-strong); }
  button.primary { background: var(--accent); color: var(--on-accent); }
  button.primary:hover { background: var(--accent-hover); }
  /* a shade darker than --danger and --ok: white text on them at 4.5:1 */
  button.danger { background: #c53034; color: #fff; }
  button.ok { background: #1a7f45; color: #fff; }
  button.icon { background: transparent; padding: 4px 6px; }
  button:disabled { opacity: 0.5; cursor: default; }
  input, textarea {
    font: inherit; color: var(--text); background: var(--bg-deep); border: 1px solid transparent;
    border-radius: var(--radius); padding: 8px 10px;
  }
  input:focus, textarea:focus { outline: none; border-color: var(--focus); }
  /* wherever the keyboard is, it shows: links, buttons, tabs, focusable messages */
  :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
  input:focus-visible, textarea:focus-visible { outline: none; }
  .muted { color: var(--text-muted); }
  /* a finger needs 44 px: every control on a touch screen */
  @media (pointer: coarse) { button, input, select, textarea, summary { min-height: 44px; } button, select { min-width: 44px; } }
`;
