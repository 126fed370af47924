// The page-wide shortcuts, heard on the document while the host is in the page: Ctrl+K (⌘K) the
// quick switcher, Alt+↑/↓ the previous/next channel, Alt+Shift+↑/↓ the previous/next unread one,
// Escape the panel on top. A component that used a key itself (Escape closing the composer's
// suggestions, cancelling an edit) calls preventDefault, and the page leaves that key alone.
import { closeTopPanel } from './panels.js';

export class KeyboardShortcuts {
  /** `actions`: {quickSwitcher(), step(direction, unreadOnly)}. */
  constructor(host, actions) {
    this.actions = actions;
    this._onKey = (event) => this._key(event);
    host.addController(this);
  }

  hostConnected() {
    document.addEventListener('keydown', this._onKey);
  }

  hostDisconnected() {
    document.removeEventListener('keydown', this._onKey);
  }

  _key(event) {
    if (event.defaultPrevented || event.isComposing) {
      return;
    }
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
      event.preventDefault(); // Chromium's own Ctrl+K searches from the address bar
      this.actions.quickSwitcher();
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      this.actions.step(event.key === 'ArrowDown' ? 1 : -1, event.shiftKey);
    } else if (event.key === 'Escape' && closeTopPanel()) {
      event.preventDefault();
    }
  }
}
