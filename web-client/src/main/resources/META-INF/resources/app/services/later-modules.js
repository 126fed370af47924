// The app's modules that a first paint doesn't wait for (docs/performance.md): the chat's
// components, asked for once the page knows it is signed in (or at idle after the login view), the
// main pane's views, asked for when one is first shown and at idle, and the emoji picker, when
// someone opens it. Each is loaded once; a load that failed (the
// network went) is tried again on the next ask.

let layout = null;
let views = null;
let emojiPanel = null;

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

/** Runs `task` when the browser has nothing else to do (soon, where it can't say). */
export function whenIdle(task) {
  return window.requestIdleCallback ? requestIdleCallback(task, { timeout: 3000 }) : setTimeout(task, 500);
}

function retryable(load, forget) {
  return load().catch((error) => {
    forget();
    throw error;
  });
}
