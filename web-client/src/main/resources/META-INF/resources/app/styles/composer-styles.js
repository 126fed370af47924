import { css } from 'lit';

// How the composer looks: its box, the emoji panel over it, the files being attached.
export const composerStyles = css`
  :host { display: block; padding: 0 16px 16px; }
  .box { background: var(--bg-input); border-radius: 8px; padding: 4px 8px; position: relative; }
  .box:focus-within { outline: 2px solid var(--focus); }
  .box.dragging { outline: 2px dashed var(--accent); }
  .row { display: flex; align-items: flex-end; gap: 4px; }
  textarea { flex: 1; background: transparent; border: 0; resize: none; max-height: 40vh; min-height: 24px; padding: 8px 4px; line-height: 1.4; }
  textarea:focus { border: 0; }
  .count { font-size: 11px; color: var(--text-muted); text-align: right; padding: 0 4px 2px; }
  .count.over { color: var(--danger-text); }
  emoji-panel { position: absolute; bottom: 100%; right: 0; margin-bottom: 6px; z-index: 10; box-shadow: 0 4px 16px var(--shadow); }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  @media (pointer: coarse) { button.icon { min-width: 44px; min-height: 44px; } textarea { min-height: 44px; } }
  .uploads { display: flex; flex-wrap: wrap; gap: 8px; padding: 8px 4px 4px; }
  .upload { background: var(--bg-side); border-radius: var(--radius); padding: 6px 8px; width: 180px; font-size: 12px; }
  .upload .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .upload img { max-width: 100%; max-height: 90px; display: block; border-radius: 4px; }
  progress { width: 100%; height: 6px; }
  .upload .error { color: var(--danger-text); }
`;
