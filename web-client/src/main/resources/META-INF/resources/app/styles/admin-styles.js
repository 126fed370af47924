// Styles of the administration view's sections and the profile settings: rows that wrap on a
// phone, small forms, a status line, and 44 px targets where the pointer is a finger.
import { css } from 'lit';

export const adminStyles = css`
  :host { display: block; }
  [hidden] { display: none !important; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.02em; color: var(--text-muted); margin: 0 0 10px; }
  h3 { font-size: 14px; margin: 16px 0 8px; color: var(--text-strong); }
  ul.rows { list-style: none; margin: 0; padding: 0; }
  ul.rows > li { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 10px 0;
    border-bottom: 1px solid var(--bg-deep); }
  .who { flex: 1 1 200px; min-width: 0; overflow-wrap: anywhere; }
  .who strong { color: var(--text-strong); }
  .state { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: var(--bg-deep); color: var(--text); }
  .state.off { color: #ffb3b5; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
  form.inline { display: flex; flex-wrap: wrap; gap: 8px 10px; align-items: flex-end; margin: 0 0 12px; }
  .field { display: grid; gap: 4px; flex: 1 1 160px; min-width: 0; }
  .field.narrow { flex: 0 1 140px; }
  label { font-size: 12px; font-weight: 700; color: var(--text-muted); }
  input, select { width: 100%; }
  select { font: inherit; color: var(--text); background: var(--bg-deep); border: 1px solid transparent;
    border-radius: var(--radius); padding: 7px 8px; }
  select:focus { outline: none; border-color: var(--focus); }
  .hint { font-size: 12px; color: var(--text-muted); }
  .status { min-height: 1.4em; margin: 6px 0; }
  .error { color: #ffb3b5; }
  .secret { font-family: var(--mono); font-size: 16px; color: var(--text-strong); background: var(--bg-deep);
    padding: 6px 10px; border-radius: var(--radius); user-select: all; overflow-wrap: anywhere; }
  @media (pointer: coarse) {
    button, input, select { min-height: 44px; }
  }
`;
