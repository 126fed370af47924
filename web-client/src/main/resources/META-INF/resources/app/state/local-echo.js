// Sending with local echo: what the person sends shows at once, marked pending, and is replaced by
// the stored message when the server acknowledges it (or marked failed, to retry or discard).
// A slash command shows the same way, followed by the server's answer, seen by nobody else.
import { created } from './frame-reducer.js';
import { nextLocalId } from './message-buckets.js';

export class LocalEcho {
  /**
   * `socket` is the OfflineQueue (what waits for the connection is listed, and can be cancelled);
   * `follow` does what applying the acknowledged message asks for (ChatActions.follow).
   */
  constructor(state, socket, changed, follow) {
    this.state = state;
    this.socket = socket;
    this.changed = changed;
    this.follow = follow;
  }

  /** Sends a message or a slash command; the message shows at once and is confirmed by the ack. */
  async send(content, { channel = this.state.current, threadId = null, attachments = [] } = {}) {
    const text = content.trim();
    if (!text && attachments.length === 0) {
      return;
    }
    const frame = { type: 'message.send', channel, content: text, attachment_ids: attachments.map((a) => a.id),
      ...(threadId ? { thread_id: threadId } : {}) };
    if (text.startsWith('/')) {
      return this._runCommand(channel, frame);
    }
    const echo = { ...this._own(channel, text), pending: true, thread_id: threadId, attachments, metadata: {} };
    this._echo(echo);
    try {
      const ack = await this.socket.request(frame, { kind: 'message', label: text || 'Files' });
      this.state.messages.dropEcho(echo);
      if (ack.message) { // the ack may come before the broadcast: whichever is first counts
        this.follow(created(this.state, ack.message));
      }
    } catch (error) {
      if (error.code === 'cancelled') { // taken back before it went out: it never existed
        this.state.messages.dropEcho(echo);
      } else {
        this.state.messages.replaceEcho(echo, { pending: false, failed: error.message });
      }
    }
    this.changed();
  }

  async retry(echo) {
    this.discard(echo);
    await this.send(echo.content, { channel: echo.channel, threadId: echo.thread_id, attachments: echo.attachments });
  }

  discard(echo) {
    this.state.messages.dropEcho(echo);
    this.changed();
  }

  async _runCommand(channel, frame) {
    this._echo({ ...this._own(channel, frame.content), ephemeral: true, attachments: [],
      metadata: { type: 'command' } });
    let answer;
    let ok = false;
    try {
      const result = await this.socket.request(frame, { kind: 'command', label: frame.content });
      answer = result.type === 'command.result'
        ? [result.message, result.hint ? `*${result.hint}*` : ''].filter(Boolean).join('\n\n')
        : 'Done.';
      ok = result.ok !== false;
    } catch (error) {
      answer = error.message;
    }
    this._echo({ local_id: `local-${nextLocalId()}`, ephemeral: true, channel, seq: 0, content: answer, ok,
      author_type: 'system', author_id: 'system', author_name: 'Workflow', created_at: new Date().toISOString(),
      reactions: {}, attachments: [], metadata: { type: 'command_result' } });
  }

  /** What the person wrote, as shown before the server has it. */
  _own(channel, content) {
    const user = this.state.user;
    return { local_id: `local-${nextLocalId()}`, channel, content, seq: 0, author_type: 'user',
      author_id: user.username, author_name: user.display_name, created_at: new Date().toISOString(), reactions: {} };
  }

  _echo(echo) {
    this.state.messages.addEcho(echo);
    this.changed();
  }
}
