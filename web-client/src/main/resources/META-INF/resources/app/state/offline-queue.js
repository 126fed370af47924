// What the person did while disconnected, waiting to go out, listed so each can be cancelled.
// Messages, reactions, edits and pins wait in the socket's own queue (chat-socket.js), which sends
// them after the reconnect's catch-up; cancelling takes the frame out of it. An approval decision is
// held here instead: on reconnect the card is fetched again, and only if nothing changed meanwhile
// (decided by someone else, expired, modified, a new vote) is the decision sent; otherwise the
// person is shown what changed and confirms or drops it.
import { decidedByText, votesOf } from '../services/approval-text.js';

let nextId = 1;

export class OfflineQueue {
  constructor(state, socket, changed) {
    this.state = state;
    this.socket = socket;
    this.changed = changed;
    this.items = [];
    socket.addEventListener('state', (event) => {
      if (event.detail === 'open') {
        this._reconnected();
      }
    });
  }

  get online() {
    return this.socket.state === 'open';
  }

  /** socket.request, listed while it waits for the connection; `what`: {kind, label}. */
  request(frame, what = { kind: frame.type, label: frame.content ?? frame.type }) {
    let item = null;
    return this.socket.request(frame, { queued: (ref) => { item = this._add({ ...what, ref }); } })
      .finally(() => item && this._remove(item));
  }

  /**
   * Holds an approval decision made offline. `check()` resolves with the card's record as the
   * server has it now; `send()` sends the decision. A second decision on the card replaces the first.
   */
  hold({ approvalId, label, record, check, send }) {
    this.items.filter((item) => item.approvalId === approvalId).forEach((item) => this._remove(item));
    this._add({ kind: 'approval', approvalId, label, record, check, send, changedText: null });
    if (this.online) {
      this._reconnected();
    }
  }

  /** Drops what waits: out of the socket's queue, or a held decision never sent. */
  cancel(id) {
    const item = this.items.find((i) => i.id === id);
    if (!item) {
      return;
    }
    if (item.ref && !this.socket.cancelQueued(item.ref)) {
      return; // already on its way: its answer takes it off the list
    }
    this._remove(item);
  }

  /** Sends a held decision the person was asked about again. */
  confirm(id) {
    const item = this.items.find((i) => i.id === id && i.changedText);
    if (item) {
      this._send(item);
    }
  }

  _send(item) {
    this._remove(item);
    item.send().catch(() => {}); // a refusal (someone decided already) is told by the sender
  }

  async _reconnected() {
    for (const item of this.items.filter((i) => i.kind === 'approval' && !i.changedText && !i.checking)) {
      item.checking = true;
      this.changed();
      let now = null;
      try {
        now = await item.check();
      } catch {
        // unknown now: asked again rather than sent blind
      }
      item.checking = false;
      if (!this.items.includes(item)) {
        continue; // cancelled meanwhile
      }
      if (!this.online) {
        this.changed();
        continue; // gone again: checked on the next reconnect
      }
      const changedText = now ? changesBetween(item.record, now) : 'Could not check the card: is it still the same?';
      if (changedText) {
        item.changedText = changedText;
        item.record = now ?? item.record;
        this.changed();
      } else {
        this._send(item);
      }
    }
  }

  _add(fields) {
    const item = { id: nextId++, ...fields };
    this.items = [...this.items, item];
    this.changed();
    return item;
  }

  _remove(item) {
    if (this.items.includes(item)) {
      this.items = this.items.filter((i) => i !== item);
      this.changed();
    }
  }
}

/** What changed on a card between two of its records, in words; null when nothing that matters did. */
export function changesBetween(before, now) {
  if (!before) {
    return null;
  }
  if (now.status !== before.status) {
    if (now.status === 'expired') {
      return 'It expired.';
    }
    if (now.status === 'cancelled') {
      return 'The agent withdrew it.';
    }
    return `It was decided: ${now.status}, ${decidedByText(now)}.`;
  }
  const known = new Set(votesOf(before).map((v) => v.by));
  const newVoters = votesOf(now).map((v) => v.by).filter((by) => !known.has(by));
  if (newVoters.length) {
    return `A new vote: approved by ${newVoters.join(', ')}.`;
  }
  const what = (a) => JSON.stringify([a.title, a.payload ?? null, a.modifications ?? null, a.command ?? null]);
  if (what(now) !== what(before)) {
    return 'The request was modified.';
  }
  return null;
}
