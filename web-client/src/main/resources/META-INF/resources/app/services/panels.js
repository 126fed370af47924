// The panels open on the page (emoji picker, pins, thread, search, quick switcher), most recent
// last, so Escape closes the one on top: the last opened of those still open, wherever it lives.

const open = [];

/**
 * Registers a panel that just opened; `close` closes it. Returns what unregisters it, to call when
 * the panel closes some other way (its own button, a click elsewhere).
 */
export function panelOpened(close) {
  const entry = { close };
  open.push(entry);
  return () => {
    const at = open.indexOf(entry);
    if (at >= 0) {
      open.splice(at, 1);
    }
  };
}

/** Closes the panel on top; false when none is open (Escape then means nothing here). */
export function closeTopPanel() {
  const entry = open.pop();
  entry?.close();
  return Boolean(entry);
}

/** What has the focus, inside shadow roots too (document.activeElement stops at the first host). */
export function deepFocus() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) {
    active = active.shadowRoot.activeElement;
  }
  return active;
}
