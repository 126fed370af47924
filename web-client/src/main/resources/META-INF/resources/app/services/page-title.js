// The tab's title, composed of parts that features set independently (a count of what waits for
// the person, a hint of approvals about to expire, …) before the app's name: "(3) Workflow Chat".
// Each part has a key; setting a part again replaces it, null removes it; lower order goes first.

const APP_NAME = 'Workflow Chat';
const parts = new Map();

export function setTitlePart(key, text, { order = 0 } = {}) {
  if (text) {
    parts.set(key, { text, order });
  } else {
    parts.delete(key);
  }
  const before = [...parts.values()].sort((a, b) => a.order - b.order).map((part) => part.text);
  const title = [...before, APP_NAME].join(' ');
  if (document.title !== title) {
    document.title = title;
  }
}
