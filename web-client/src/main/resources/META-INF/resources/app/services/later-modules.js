// The app's modules that a first paint doesn't wait for (docs/performance.md): the chat's
// components, asked for while the page checks whether it is signed in, and the main pane's views,
// asked for when one is first shown and at idle. Each is loaded once; a load that failed (the
// network went) is tried again on the next ask.

let layout = null;
let views = null;

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
