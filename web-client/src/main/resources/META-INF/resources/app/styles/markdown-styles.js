// The rendered Markdown and highlighted code, for components that show messages.
import { css } from 'lit';

export const markdown = css`
  .md { line-height: 1.45; overflow-wrap: anywhere; }
  .md p { margin: 0 0 4px; }
  .md p:last-child { margin-bottom: 0; }
  .md.was-edited > p:last-of-type { display: inline; }
  .md a { color: var(--link); }
  .md code { font-family: var(--mono); font-size: 0.875em; background: var(--bg-deep); padding: 1px 4px; border-radius: 4px; }
  .md pre.code-block { position: relative; margin: 6px 0; background: var(--code-bg); border-radius: var(--radius); border: 1px solid var(--bg-deep); }
  .md pre.code-block code { display: block; padding: 10px 12px; overflow-x: auto; background: transparent; font-size: 0.85em; }
  .md pre .code-lang { display: block; padding: 6px 12px 0; font-family: var(--font); font-size: 11px; font-weight: 600; color: #8b949e; }
  .md pre .copy { position: absolute; top: 6px; right: 6px; font-size: 12px; padding: 2px 8px; opacity: 0.8; }
  /* a finger's 44 px Copy would cover the label and the first lines: on a touch screen it gets a row of its own, beside the label */
  @media (pointer: coarse) {
    .md pre.code-block { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: center; }
    .md pre .code-lang { grid-row: 1; grid-column: 1; padding-top: 0; }
    .md pre .copy { position: static; grid-row: 1; grid-column: 2; margin: 4px 4px 0 0; }
    .md pre.code-block code { grid-row: 2; grid-column: 1 / -1; padding-top: 4px; }
  }
  .md blockquote { margin: 4px 0; padding-left: 10px; border-left: 4px solid var(--border); color: var(--text-muted); }
  .md ul, .md ol { margin: 4px 0; padding-left: 24px; }
  .md .mention { background: var(--mention-bg); color: var(--mention-text); border-radius: 3px; padding: 0 2px; font-weight: 500; }
  .md .mention.me { background: var(--mention-me-bg); color: var(--mention-me-text); }
  .md table { border-collapse: collapse; }
  .md th, .md td { border: 1px solid var(--border); padding: 2px 8px; }
  /* highlight.js (github-dark), inside shadow roots */
  .hljs { color: #c9d1d9; }
  .hljs-doctag, .hljs-keyword, .hljs-meta .hljs-keyword, .hljs-template-tag, .hljs-template-variable, .hljs-type, .hljs-variable.language_ { color: #ff7b72; }
  .hljs-title, .hljs-title.class_, .hljs-title.function_ { color: #d2a8ff; }
  .hljs-attr, .hljs-attribute, .hljs-literal, .hljs-meta, .hljs-number, .hljs-operator, .hljs-variable, .hljs-selector-attr, .hljs-selector-class, .hljs-selector-id { color: #79c0ff; }
  .hljs-regexp, .hljs-string, .hljs-meta .hljs-string { color: #a5d6ff; }
  .hljs-built_in, .hljs-symbol { color: #ffa657; }
  .hljs-comment, .hljs-code, .hljs-formula { color: #8b949e; }
  .hljs-name, .hljs-quote, .hljs-selector-tag, .hljs-selector-pseudo { color: #7ee787; }
  .hljs-addition { color: #aff5b4; background-color: #033a16; }
  .hljs-deletion { color: #ffdcd7; background-color: #67060c; }
`;
