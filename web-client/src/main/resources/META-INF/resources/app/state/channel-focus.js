// Delivery by interest (docs/protocol.md): the server is told which channel the person looks at.
// It sends that channel's changes in full and, of the others, counts (unread frames, applied by the
// reducer). A channel looked at again whose messages the page still holds is caught up by resuming
// that channel from where the page looked away: its changes come once, in order, through the
// socket like any other frame (a frame already seen, such as a mention, is dropped there by seq).

const MAX_ROUNDS = 50;

export class ChannelFocus {
  constructor(state, socket) {
    this.state = state;
    this.socket = socket;
    this._lookingAt = null;
    // channel → the socket's cursor when the page looked away from it (its bucket held messages then)
    this._awayFrom = new Map();
    // a new connection starts with no focus: say it again (queued until the catch-up is done)
    socket.addEventListener('frame', (event) => {
      if (event.detail.type === 'ready' && event.detail.reconnected && this._lookingAt) {
        this._tell(this._lookingAt);
      }
    });
  }

  /** The person looks at `name` now; resolves once what the page holds of it is up to date. */
  async lookAt(name) {
    const before = this._lookingAt;
    if (before === name) {
      return;
    }
    if (before && this.state.messages.bucket(before).loaded) {
      this._awayFrom.set(before, this.socket.lastSeq);
    }
    this._lookingAt = name;
    this._tell(name);
    const since = this._awayFrom.get(name);
    this._awayFrom.delete(name);
    if (since !== undefined && this.state.messages.bucket(name).loaded) {
      await this._catchUp(name, since);
    }
  }

  _tell(name) {
    this.socket.request({ type: 'focus', channels: [name] }).catch(() => {
      // refused or the connection dropped: the next ready says it again, and until then all comes in full
    });
  }

  async _catchUp(name, since) {
    let cursor = since;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let answer;
      try {
        answer = await this.socket.request({ type: 'resume', after_seq: cursor, channel: name });
      } catch {
        // no longer kept (gone), or the connection dropped: what the page holds may be stale, so it
        // loads the channel afresh instead
        this.state.messages.forget(name);
        return;
      }
      cursor = Math.max(cursor, answer.last_seq ?? cursor);
      if (!answer.has_more) {
        return;
      }
    }
  }
}
