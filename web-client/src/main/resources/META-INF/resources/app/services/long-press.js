// A long press by touch or pen on an element (held still for half a second) calls `onLongPress`;
// the browser's own menu and the click that may follow it are kept back.

const HOLD_MS = 500;
const SLOP_PX = 10;
const OWN_KEYS = new Set(['textarea', 'input', 'select']);

export class LongPress {
  constructor(element, onLongPress) {
    this.onLongPress = onLongPress;
    element.addEventListener('pointerdown', (event) => this._down(event));
    element.addEventListener('pointermove', (event) => this._move(event));
    for (const type of ['pointerup', 'pointercancel', 'pointerleave']) {
      element.addEventListener(type, () => this._cancel());
    }
    element.addEventListener('contextmenu', (event) => {
      if (this._fired || this._timer) {
        event.preventDefault();
      }
    });
    element.addEventListener('click', (event) => {
      if (this._fired) { // the lift after a long press is not a tap
        event.preventDefault();
        event.stopPropagation();
        this._fired = false;
      }
    }, true);
  }

  _down(event) {
    this._fired = false;
    if (event.pointerType === 'mouse' || !event.isPrimary || event.composedPath().some((n) => OWN_KEYS.has(n.localName))) {
      return;
    }
    this._start = { x: event.clientX, y: event.clientY };
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      this._timer = null;
      this._start = null;
      this._fired = true;
      this.onLongPress();
    }, HOLD_MS);
  }

  _move(event) {
    if (this._start && Math.hypot(event.clientX - this._start.x, event.clientY - this._start.y) > SLOP_PX) {
      this._cancel(); // a scroll, not a press
    }
  }

  _cancel() {
    clearTimeout(this._timer);
    this._timer = null;
    this._start = null;
  }
}
