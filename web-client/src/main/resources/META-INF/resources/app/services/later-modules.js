// The app's modules that a first paint doesn't wait for (docs/performance.md): the chat's
// components, asked for once the page knows it is signed in (or at idle after the login view), the
// main pane's views, asked for when one is first shown and at idle, the emoji picker, when
// someone opens it, the emoji database, when someone first types a `:shortcode`, and highlight.js, when a code block is first shown. Each is loaded once; a
// load that failed (the network went) is tried again on the next ask. In the production bundle
// (web-client/tools/BundleApp.java) each import() here is a chunk of its own.

let layout = null;
let views = null;
let emojiPanel = null;
let highlighter = null;
let emojiSearch = null;

/** The signed-in chat's components (chat-layout.js). */
export function loadChatLayout() {
  layout ??= retryable(() => import('../components/chat-layout.js'), () => { layout = null; });
  return layout;
}

/** The views of the main pane (view-components.js). */
export function loadViews() {
  views ??= retryable(() => import('../components/view-components.js'), () => { views = null; });
  return views;
}

/** The full emoji picker (emoji-panel.js and emoji-picker-element), when one is first opened. */
export function loadEmojiPanel() {
  emojiPanel ??= retryable(() => import('../components/emoji-panel.js'), () => { emojiPanel = null; });
  return emojiPanel;
}

/** The emoji database's search (emoji.js and emoji-picker-element's database), for `:shortcode` completion. */
export function loadEmojiSearch() {
  emojiSearch ??= retryable(() => import('./emoji.js'), () => { emojiSearch = null; });
  return emojiSearch;
}

/** highlight.js and its languages (highlight.js), when the first code block is shown. */
export function loadHighlighter() {
  highlighter ??= retryable(() => import('./highlight.js'), () => { highlighter = null; });
  return highlighter;
}

/** Runs `task` when the browser has nothing else to do (soon, where it can't say). */
export function whenIdle(task) {
  return window.requestIdleCallback ? requestIdleCallback(task, { timeout: 3000 }) : setTimeout(task, 500);
}

/** Resolves in a task of its own, so what comes next does not lengthen the task that asks (the page can answer in between). */
export function nextTask() {
  return globalThis.scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
}

function retryable(load, forget) {
  return load().catch((error) => {
    forget();
    throw error;
  });
}
