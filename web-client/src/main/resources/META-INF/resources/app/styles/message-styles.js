import { css } from 'lit';

// How a message looks in the list: its layout, author line, actions, reactions and files.
export const messageStyles = css`
  :host { display: block; content-visibility: auto; contain-intrinsic-size: auto 56px; }
  article { position: relative; display: grid; grid-template-columns: 40px minmax(0, 1fr); column-gap: 14px; padding: 2px 16px 2px 16px; margin-top: 14px; }
  article.compact { margin-top: 0; }
  article:hover, article.flash, article:focus-within { background: var(--bg-hover); }
  article:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
  article.linked { box-shadow: inset 3px 0 var(--accent); background: var(--tint-accent); }
  article.flash { box-shadow: inset 3px 0 var(--warn); }
  article.agent { border-left: 3px solid var(--agent); padding-left: 13px; }
  article.system { color: var(--text-muted); }
  /* waiting to go out (offline, or the server's answer not yet in): muted, and said in words */
  article.pending .md, article.pending time { color: var(--text-muted); }
  article.ephemeral { background: rgba(88, 101, 242, 0.08); }
  article.mentioned { background: var(--tint-warn); box-shadow: inset 2px 0 var(--warn); }
  /* on the tinted backgrounds, muted text and links a shade lighter keep a 4.5:1 contrast */
  article.mentioned, article.linked { --text-muted: var(--muted-on-tint); }
  article.mentioned .md a, article.linked .md a { color: var(--link-on-tint); }
  .avatar { width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center; font-weight: 700; color: var(--on-accent); background: var(--accent); font-size: 18px; grid-row: span 2; }
  .avatar.agent { background: var(--agent-strong); font-size: 20px; }
  .avatar.system { background: var(--avatar-system); }
  .avatar.discord { border-radius: 12px; background: var(--avatar-discord); box-shadow: inset 0 0 0 2px var(--discord); }
  .compact .avatar { visibility: hidden; height: 0; }
  header { display: flex; align-items: baseline; gap: 8px; }
  .author { font-weight: 600; color: var(--text-strong); }
  .agent .author { color: var(--agent-text); }
  .tag { font-size: 10px; font-weight: 700; background: var(--accent); color: var(--on-accent); border-radius: 3px; padding: 1px 4px; text-transform: uppercase; }
  .agent .tag { background: var(--agent-strong); }
  .tag.discord { background: var(--discord); }
  time, .edited, .note { font-size: 12px; color: var(--text-muted); }
  .compact header { display: none; }
  .deleted { font-style: italic; color: var(--text-muted); }
  .failed { color: var(--danger-text); font-size: 13px; display: flex; gap: 8px; align-items: center; }
  .actions { position: absolute; right: 16px; top: -14px; display: none; background: var(--bg-side); border: 1px solid var(--bg-deep); border-radius: 6px; }
  article:hover .actions, article:focus-within .actions { display: flex; }
  :host([picking]) { content-visibility: visible; }
  .reaction-picker { position: absolute; right: 16px; top: 16px; z-index: 5; display: flex; flex-direction: column; gap: 4px; background: var(--bg-side); border-radius: 6px; padding: 4px; box-shadow: 0 4px 14px var(--shadow); }
  .reaction-picker.up { top: auto; bottom: 100%; }
  .reaction-picker .quick { display: flex; flex-wrap: wrap; gap: 2px; }
  @media (max-width: 600px) { .reaction-picker { right: 4px; } }
  .reactions { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
  .reaction { padding: 1px 8px; border: 1px solid transparent; border-radius: 8px; font-size: 14px; background: var(--bg-side); }
  .reaction.mine { border-color: var(--accent); background: rgba(88, 101, 242, 0.15); }
  .files { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 6px; }
  .files img { max-width: 320px; max-height: 240px; border-radius: var(--radius); display: block; }
  .chip { display: inline-flex; gap: 8px; align-items: center; padding: 8px 12px; background: var(--bg-side); border: 1px solid var(--bg-deep); border-radius: var(--radius); color: var(--link); text-decoration: none; }
  .thread { margin-top: 4px; font-size: 13px; color: var(--link); background: none; padding: 0; }
  .reply-to { font-size: 13px; color: var(--text-muted); margin-bottom: 2px; }
  textarea { width: 100%; min-height: 60px; resize: vertical; }
  .pinned { font-size: 12px; color: var(--warn); }
  .more { display: none; }
  /* touch: no hover bar; the ⋯ button (or a long press) opens the action sheet, and every control is 44 px */
  @media (pointer: coarse) {
    article { -webkit-touch-callout: none; user-select: none; padding-right: 52px; min-height: 44px; }
    article:hover .actions, article:focus-within .actions { display: none; }
    .more { display: block; position: absolute; right: 4px; top: 0; width: 44px; height: 44px; padding: 0; font-size: 20px; color: var(--text-muted); }
    .reaction, .thread, .failed button { min-height: 44px; min-width: 44px; }
    .thread { padding: 0 8px; }
    .chip { min-height: 44px; }
  }
`;
