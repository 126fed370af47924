// The one WebSocket of the app. It queues frames while disconnected, reconnects with capped
// backoff, and after a reconnect asks for what it missed (resume with the last seq it saw)
// before it sends what was queued, so the view catches up in order. A live change numbered far
// beyond its cursor is not believed: it resumes from the cursor instead. When what it missed is no
// longer kept (resume answers gone), it takes the new connection's ready as its cursor and says
// 'reload', so the store fetches again what it shows.

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
const ANSWER_TIMEOUT_MS = 30_000;
const ANSWER_TYPES = new Set(['ack', 'error', 'history', 'completions', 'command.result']);
const SEEN_SEQS_KEPT = 5000;
// Reactions as what changed (reaction.added / reaction.removed), not the message's whole map each time.
const FEATURES = ['reaction_deltas'];
// Far more changes than a connected client can miss between two frames. A live frame announcing a
// seq beyond this must be forged (anyone who may publish on wfchat:out can): taken as the cursor, it
// would make the next resume skip every real change. The resume from the real cursor brings what is real.
const MAX_SEQ_AHEAD = 100_000;

export class ChatSocket extends EventTarget {
  constructor(url = defaultUrl()) {
    super();
    this.url = url;
    this.state = 'idle';
    this.lastSeq = 0;
    this._seen = new Set();
    this._queue = [];
    this._waiting = new Map();
    this._nextRef = 1;
    this._attempt = 0;
    this._everReady = false;
    this._stopped = false;
    this.failures = 0;
  }

  connect() {
    this._stopped = false;
    this._setState(this._everReady ? 'reconnecting' : 'connecting');
    const ws = new WebSocket(this.url);
    this._ws = ws;
    ws.onmessage = (event) => this._receive(event.data);
    ws.onclose = (event) => this._closed(ws, event);
  }

  close() {
    this._stopped = true;
    clearTimeout(this._retryTimer);
    this._ws?.close(1000, 'bye');
    this._setState('closed');
  }

  /**
   * Sends a frame and resolves with the server's answer to it (or rejects with its error). While
   * disconnected it waits in the queue: `queued(ref)` is told, and cancelQueued(ref) takes it out.
   */
  request(frame, { queued } = {}) {
    const ref = `c${this._nextRef++}`;
    const message = { ...frame, ref };
    return new Promise((resolve, reject) => {
      this._waiting.set(ref, { resolve, reject, frame: message, sent: false });
      if (this.state === 'open') {
        this._transmit(message);
      } else {
        this._queue.push(message);
        queued?.(ref);
      }
    });
  }

  /** Takes a frame out of the queue before it is sent (it rejects with code `cancelled`); false once sent. */
  cancelQueued(ref) {
    const at = this._queue.findIndex((message) => message.ref === ref);
    if (at < 0) {
      return false;
    }
    this._queue.splice(at, 1);
    this._answer(ref, null, { code: 'cancelled', message: 'Cancelled' });
    return true;
  }

  /** Tries to connect now instead of at the end of the backoff ("retry now"). */
  retryNow() {
    if (this._stopped || this.state === 'open' || this._ws?.readyState === WebSocket.CONNECTING) {
      return;
    }
    clearTimeout(this._retryTimer);
    this.connect();
  }

  /** Sends a frame nobody waits an answer for (typing, read); dropped while disconnected. */
  notify(frame) {
    if (this.state === 'open') {
      this._ws.send(JSON.stringify(frame));
    }
  }

  _transmit(message) {
    const waiting = this._waiting.get(message.ref);
    if (waiting) {
      waiting.sent = true;
      waiting.timer = setTimeout(() => this._answer(message.ref, null,
        { code: 'unavailable', message: 'No answer from the server' }), ANSWER_TIMEOUT_MS);
    }
    this._ws.send(JSON.stringify(message));
  }

  _receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === 'ready') {
      this._ready(frame);
      return;
    }
    if (typeof frame.seq === 'number') {
      if (this._seen.has(frame.seq)) {
        return; // a change seen live and again in a resume
      }
      if (frame.seq > this.lastSeq + MAX_SEQ_AHEAD) {
        console.warn(`Ignored a ${frame.type} frame with seq ${frame.seq}, far beyond this client's ${this.lastSeq};`
          + ' catching up from there instead');
        this._catchUp();
        return;
      }
      this._remember(frame.seq);
    }
    if (frame.ref && ANSWER_TYPES.has(frame.type)) {
      this._answer(frame.ref, frame.type === 'error' ? null : frame, frame.type === 'error' ? frame : null);
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
  }

  _remember(seq) {
    this._seen.add(seq);
    if (seq > this.lastSeq) {
      this.lastSeq = seq;
    }
    if (this._seen.size > SEEN_SEQS_KEPT) {
      this._seen.delete(this._seen.values().next().value);
    }
  }

  async _ready(frame) {
    const reconnected = this._everReady;
    this._everReady = true;
    this._attempt = 0;
    this.failures = 0;
    this._readySeq = frame.last_seq ?? 0;
    if (!reconnected) {
      this.lastSeq = Math.max(this.lastSeq, frame.last_seq ?? 0);
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: { ...frame, reconnected } }));
    this._setState('open');
    if (reconnected) {
      await this._catchUp();
    }
    const queued = this._queue.splice(0);
    queued.forEach((message) => this._transmit(message));
  }

  /**
   * Resumes from the cursor until nothing more is missed. One at a time: asked again meanwhile
   * (a suspicious frame during a catch-up), it goes round once more, from the cursor it reached.
   */
  _catchUp() {
    if (this._catchingUp) {
      this._catchUpAgain = true;
      return this._catchingUp;
    }
    this._catchingUp = (async () => {
      do {
        this._catchUpAgain = false;
        await this._resumeRounds();
      } while (this._catchUpAgain && this.state === 'open');
    })().finally(() => { this._catchingUp = null; });
    return this._catchingUp;
  }

  async _resumeRounds() {
    for (let round = 0; round < 50 && this.state === 'open'; round++) {
      const ref = `c${this._nextRef++}`;
      const answer = await new Promise((resolve) => {
        this._waiting.set(ref, { resolve, reject: (failure) => resolve({ failure }), frame: null, sent: true });
        this._ws.send(JSON.stringify({ type: 'resume', after_seq: this.lastSeq, ref }));
      });
      if (answer.failure?.code === 'gone') {
        this._startOver();
        return;
      }
      if (answer.failure) {
        return;
      }
      // the server's last_seq also passes changes this person may not see, so they aren't asked for again
      this.lastSeq = Math.max(this.lastSeq, answer.last_seq ?? this.lastSeq);
      if (!answer.has_more) {
        return;
      }
    }
  }

  /**
   * The changes after the cursor were pruned: resuming from it again would only be answered gone
   * again. This connection's ready is the present, and every change after it comes live here, so
   * it is the cursor; what the view shows from before must be fetched again ('reload').
   */
  _startOver() {
    console.warn(`The changes after ${this.lastSeq} are no longer kept; reloading from ${this._readySeq}`);
    this.lastSeq = Math.max(this.lastSeq, this._readySeq ?? 0);
    this.dispatchEvent(new Event('reload'));
  }

  _answer(ref, frame, error) {
    const waiting = this._waiting.get(ref);
    if (!waiting) {
      return;
    }
    this._waiting.delete(ref);
    clearTimeout(waiting.timer);
    if (error) {
      const failure = new Error(error.message ?? 'Failed');
      failure.code = error.code;
      waiting.reject(failure);
    } else {
      waiting.resolve(frame);
    }
  }

  _closed(ws, event) {
    if (ws !== this._ws) {
      return;
    }
    // What was sent and not answered may or may not have been done: say so, never send it twice.
    for (const [ref, waiting] of [...this._waiting]) {
      if (waiting.sent) {
        this._answer(ref, null, { code: 'unavailable', message: 'The connection dropped before the server answered' });
      }
    }
    if (this._stopped) {
      return;
    }
    // 1008 also closes a socket that was one too many for this person (opened at the same moment as
    // others): that is a refusal to wait out like a 429, not a sign-out
    const tooMany = event.code === 1008 && event.reason === 'too many connections';
    if ((event.code === 1008 && !tooMany) || event.code === 4401) {
      this._setState('unauthorized');
      return;
    }
    this._setState(this._everReady ? 'reconnecting' : 'connecting');
    // A refused upgrade (401, 403, 429) reaches a page only as a close before open, like a network
    // failure: the browser hides the status. Both wait the same backoff; the store finds out which.
    this.failures += 1;
    this.dispatchEvent(new CustomEvent('failure', { detail: this.failures }));
    const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this._attempt++);
    this._retryTimer = setTimeout(() => this.connect(), delay / 2 + Math.random() * delay / 2);
  }

  _setState(state) {
    if (this.state !== state) {
      this.state = state;
      this.dispatchEvent(new CustomEvent('state', { detail: state }));
    }
  }
}

function defaultUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?features=${FEATURES.join(',')}`;
}
