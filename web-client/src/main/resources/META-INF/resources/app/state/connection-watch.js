// The socket's connection as the person sees it: its state, why it keeps failing, and whether the
// session ended (then `signedOut` is called, and the page goes back to the login form).
import { api, ApiError } from '../services/api.js';

// Failed connection attempts in a row before the person is told why (a blip is not worth a word).
const FAILURES_BEFORE_TELLING = 3;
const CONNECTION_PROBLEMS = {
  refused: 'The server refuses more connections for you: close some other Workflow Chat tabs or windows.',
  unreachable: 'The server cannot be reached; still trying.',
};

export class ConnectionWatch {
  constructor(state, socket, changed, signedOut) {
    this.state = state;
    this.socket = socket;
    this.changed = changed;
    this.signedOut = signedOut;
    socket.addEventListener('state', (event) => this._onState(event.detail));
    socket.addEventListener('failure', (event) => this._onFailure(event.detail));
  }

  _onState(connection) {
    this.state.connection = connection;
    if (connection === 'open') {
      this.state.connectionProblem = null;
    }
    this.changed();
    if (connection === 'unauthorized') {
      this.signedOut(); // logged out elsewhere: the socket was closed for that
      return;
    }
    if (connection === 'reconnecting') {
      // A socket that keeps failing may mean the session ended: ask the API, which says so plainly.
      api.me().catch((error) => {
        if (error instanceof ApiError && error.status === 401) {
          this.socket.close();
          this.signedOut();
        }
      });
    }
  }

  /**
   * Attempts keep failing: the browser does not say why (a refused upgrade looks like a network
   * failure), so ask the API. It answering means the server is there and the session good, so the
   * socket itself is refused: for a signed-in person that is the limit of open sockets (429).
   */
  _onFailure(failures) {
    if (failures < FAILURES_BEFORE_TELLING) {
      return;
    }
    api.me().then(() => this._problem('refused'), (error) => {
      if (error instanceof ApiError && error.status === 401) {
        this.socket.close();
        this.signedOut();
      } else {
        this._problem('unreachable');
      }
    });
  }

  _problem(kind) {
    if (this.state.connection === 'connecting' || this.state.connection === 'reconnecting') {
      this.state.connectionProblem = CONNECTION_PROBLEMS[kind];
      this.changed();
    }
  }
}
