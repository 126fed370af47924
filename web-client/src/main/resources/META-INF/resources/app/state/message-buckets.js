// The loaded messages, one bucket per channel: what the server stored (by id, kept in seq order)
// and, after it, the person's local echoes (sends not yet answered, failed ones, command answers).

let localIds = 0;

/** An id for something only this page knows of (an echo, a notice). */
export function nextLocalId() {
  return ++localIds;
}

export class MessageBuckets {
  constructor() {
    this._byChannel = new Map();
  }

  /** The channel's bucket: its messages in order, whether older ones remain, whether it was loaded. */
  bucket(channel) {
    let bucket = this._byChannel.get(channel);
    if (!bucket) {
      bucket = { byId: new Map(), echoes: [], list: [], hasMore: true, loaded: false, loading: false };
      this._byChannel.set(channel, bucket);
    }
    return bucket;
  }

  /** Every message of the channel in seq order, thread replies included, then its echoes. */
  list(channel) {
    return this.bucket(channel).list;
  }

  message(id) {
    for (const bucket of this._byChannel.values()) {
      const found = bucket.byId.get(id);
      if (found) {
        return found;
      }
    }
    return null;
  }

  /** The highest seq loaded in the channel (0 when none). */
  lastSeq(channel) {
    return this.list(channel).reduce((max, m) => Math.max(max, m.seq || 0), 0);
  }

  /** Stores a message from the server; `replace` for a change the server announced (edit, pin). */
  put(message, replace = false) {
    const bucket = this.bucket(message.channel);
    const known = bucket.byId.get(message.message_id);
    if (known && !replace && (known.edited_at || known.deleted_at) && !message.edited_at && !message.deleted_at) {
      return; // an older copy (history) must not undo an edit seen live
    }
    // A new object per change, so components see that it changed. A copy fetched earlier must not
    // lower a reply count that replies seen since have raised.
    const merged = known ? { ...known, ...message } : { ...message };
    if (known && !replace) {
      merged.reply_count = Math.max(known.reply_count ?? 0, message.reply_count ?? 0);
    }
    bucket.byId.set(message.message_id, merged);
    this._rebuild(message.channel);
  }

  /** A person's messages show their new display name (a user.updated frame). */
  renameAuthor(username, name) {
    for (const [channel, bucket] of this._byChannel) {
      let renamed = false;
      for (const [id, m] of bucket.byId) {
        if (m.author_type === 'user' && m.author_id === username && m.author_name !== name) {
          bucket.byId.set(id, { ...m, author_name: name });
          renamed = true;
        }
      }
      if (renamed) {
        this._rebuild(channel);
      }
    }
  }

  patch(messageId, fields) {
    const message = this.message(messageId);
    if (message) {
      this.bucket(message.channel).byId.set(messageId, { ...message, ...fields });
      this._rebuild(message.channel);
    }
  }

  /** Shows something of the person's own at once, after what the server stored. */
  addEcho(echo) {
    this.bucket(echo.channel).echoes.push(echo);
    this._rebuild(echo.channel);
  }

  dropEcho(echo) {
    const bucket = this.bucket(echo.channel);
    bucket.echoes = bucket.echoes.filter((e) => e !== echo);
    this._rebuild(echo.channel);
  }

  replaceEcho(echo, fields) {
    const bucket = this.bucket(echo.channel);
    bucket.echoes = bucket.echoes.map((e) => (e === echo ? { ...e, ...fields } : e));
    this._rebuild(echo.channel);
  }

  /** A failed echo of the same text in the same place as the stored message, if any. */
  failedEchoOf(message) {
    return this.bucket(message.channel).echoes.find((e) => e.failed && e.content === message.content
      && (e.thread_id ?? null) === (message.thread_id ?? null));
  }

  /** Forgets every stored message (not the echoes): each channel is to be loaded again. */
  forgetStored() {
    [...this._byChannel.keys()].forEach((channel) => this.forget(channel));
  }

  /** Forgets the channel's stored messages (not the echoes): it is to be loaded again. */
  forget(channel) {
    const bucket = this.bucket(channel);
    bucket.byId = new Map();
    bucket.hasMore = true;
    bucket.loaded = false;
    this._rebuild(channel);
  }

  _rebuild(channel) {
    const bucket = this.bucket(channel);
    bucket.list = [...bucket.byId.values()].sort((a, b) => a.seq - b.seq).concat(bucket.echoes);
  }
}
