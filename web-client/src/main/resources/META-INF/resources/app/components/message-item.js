import { LitElement, html, css, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { renderMarkdown } from '../services/markdown.js';
import { DISCORD_NOTE, agentEmoji, agentName, dateTime, fileSize, fromDiscord, time } from '../services/format.js';
import { MAX_MESSAGE_CHARS } from '../services/limits.js';
import { mentions } from '../services/mentions.js';
import { panelOpened } from '../services/panels.js';
import { base } from '../styles/base-styles.js';
import { markdown } from '../styles/markdown-styles.js';
import { StoreController } from '../state/store-controller.js';

const QUICK_REACTIONS = ['👍', '❤️', '😄', '🎉', '👀', '🚀', '✅', '❌'];

/** One message: author, time, sanitised Markdown, attachments, reactions, and its hover actions. */
export class MessageItem extends LitElement {
  static properties = {
    message: { attribute: false },
    compact: { type: Boolean },
    editing: { type: Boolean },
    inThread: { type: Boolean },
    // the one message of the list that Tab reaches (the list moves it with ↑/↓)
    focusable: { type: Boolean },
    linked: { type: Boolean },
    _picker: { state: true },
    _flash: { state: true },
  };

  static styles = [base, markdown, css`
    :host { display: block; content-visibility: auto; contain-intrinsic-size: auto 56px; }
    article { position: relative; display: grid; grid-template-columns: 40px minmax(0, 1fr); column-gap: 14px; padding: 2px 16px 2px 16px; margin-top: 14px; }
    article.compact { margin-top: 0; }
    article:hover, article.flash, article:focus-within { background: var(--bg-hover); }
    article:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
    article.linked { box-shadow: inset 3px 0 var(--accent); background: rgba(88, 101, 242, 0.12); }
    article.flash { box-shadow: inset 3px 0 var(--warn); }
    article.agent { border-left: 3px solid var(--agent); padding-left: 13px; }
    article.system { color: var(--text-muted); }
    article.pending { opacity: 0.6; }
    article.ephemeral { background: rgba(88, 101, 242, 0.08); }
    article.mentioned { background: rgba(240, 178, 50, 0.08); box-shadow: inset 2px 0 var(--warn); }
    /* on the tinted backgrounds, muted text and links a shade lighter keep a 4.5:1 contrast */
    article.mentioned, article.linked { --text-muted: #b5bac1; }
    article.mentioned .md a, article.linked .md a { color: #5cc4ff; }
    .avatar { width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center; font-weight: 700; color: #fff; background: var(--accent); font-size: 18px; grid-row: span 2; }
    .avatar.agent { background: #2d7d46; font-size: 20px; }
    .avatar.system { background: #4e5058; }
    .avatar.discord { border-radius: 12px; background: #404249; box-shadow: inset 0 0 0 2px var(--discord); }
    .compact .avatar { visibility: hidden; height: 0; }
    header { display: flex; align-items: baseline; gap: 8px; }
    .author { font-weight: 600; color: var(--text-strong); }
    .agent .author { color: #57f287; }
    .tag { font-size: 10px; font-weight: 700; background: var(--accent); color: #fff; border-radius: 3px; padding: 1px 4px; text-transform: uppercase; }
    .agent .tag { background: #2d7d46; }
    .tag.discord { background: var(--discord); }
    time, .edited, .note { font-size: 12px; color: var(--text-muted); }
    .compact header { display: none; }
    .deleted { font-style: italic; color: var(--text-muted); }
    .failed { color: var(--danger); font-size: 13px; display: flex; gap: 8px; align-items: center; }
    .actions { position: absolute; right: 16px; top: -14px; display: none; background: var(--bg-side); border: 1px solid var(--bg-deep); border-radius: 6px; }
    article:hover .actions, article:focus-within .actions { display: flex; }
    .picker { position: absolute; right: 16px; top: 16px; z-index: 5; display: flex; gap: 2px; background: var(--bg-side); border-radius: 6px; padding: 4px; box-shadow: 0 4px 14px #000a; }
    .reactions { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
    .reaction { padding: 1px 8px; border: 1px solid transparent; border-radius: 8px; font-size: 14px; background: var(--bg-side); }
    .reaction.mine { border-color: var(--accent); background: rgba(88, 101, 242, 0.15); }
    .files { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 6px; }
    .files img { max-width: 320px; max-height: 240px; border-radius: var(--radius); display: block; }
    .chip { display: inline-flex; gap: 8px; align-items: center; padding: 8px 12px; background: var(--bg-side); border: 1px solid var(--bg-deep); border-radius: var(--radius); color: #00a8fc; text-decoration: none; }
    .thread { margin-top: 4px; font-size: 13px; color: #00a8fc; background: none; padding: 0; }
    .reply-to { font-size: 13px; color: var(--text-muted); margin-bottom: 2px; }
    textarea { width: 100%; min-height: 60px; resize: vertical; }
    .pinned { font-size: 12px; color: var(--warn); }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
  }

  render() {
    const m = this.message;
    if (!m) {
      return nothing;
    }
    const mine = this._mine();
    const discord = fromDiscord(m);
    const classes = ['message', m.author_type, this.compact ? 'compact' : '', m.pending ? 'pending' : '',
      m.ephemeral ? 'ephemeral' : '', this._flash ? 'flash' : '', this._mentionsMe() ? 'mentioned' : '',
      this.linked ? 'linked' : ''].join(' ');
    return html`
      <article class=${classes} data-testid="message" data-message-id=${m.message_id ?? ''}
               tabindex=${this.focusable ? '0' : '-1'}>
        <div class="avatar ${m.author_type} ${discord ? 'discord' : ''}" aria-hidden="true"
             title=${discord ? DISCORD_NOTE : nothing}>${this._avatar()}</div>
        <header>
          <span class="author" title=${discord ? DISCORD_NOTE : nothing}>${m.author_type === 'agent' ? agentName(m.author_id) : m.author_name}</span>
          ${m.author_type === 'agent' ? html`<span class="tag">agent</span>` : ''}
          ${m.author_type === 'system' ? html`<span class="tag">system</span>` : ''}
          ${discord ? html`<span class="tag discord" title=${DISCORD_NOTE} data-testid="discord-tag">Discord</span>` : ''}
          <time datetime=${m.created_at} title=${dateTime(m.created_at)}>${time(m.created_at)}</time>
          ${m.pinned_at ? html`<span class="pinned">📌 pinned</span>` : ''}
        </header>
        <div>
          ${this._renderBody(m)}
          ${this._renderAttachments(m)}
          ${this._renderReactions(m)}
          ${!this.inThread && m.reply_count ? html`<button class="thread" @click=${this._openThread}>
            💬 ${m.reply_count} ${m.reply_count === 1 ? 'reply' : 'replies'}</button>` : ''}
          ${m.ephemeral ? html`<div class="note">Only you can see this.</div>` : ''}
          ${m.failed ? html`<div class="failed">Not sent: ${m.failed}
            <button @click=${() => this.store.retry(m)}>Retry</button>
            <button @click=${() => this.store.discard(m)}>Discard</button></div>` : ''}
        </div>
        ${m.message_id && !m.deleted_at && !this.editing ? this._renderActions(mine) : ''}
        ${this._picker ? html`<div class="picker">${QUICK_REACTIONS.map((r) => html`
          <button class="icon" @click=${() => this._react(r)}>${r}</button>`)}</div>` : ''}
      </article>
    `;
  }

  _renderBody(m) {
    if (m.deleted_at) {
      return html`<div class="deleted">This message was deleted.</div>`;
    }
    if (this.editing) {
      return html`<textarea aria-label="Edit message" .value=${m.content} maxlength=${MAX_MESSAGE_CHARS}
        @keydown=${this._editKey}></textarea><div class="note">Enter to save · Escape to cancel</div>`;
    }
    if (m.metadata?.type === 'approval_request' && m.metadata.approval_id && m.message_id) {
      return html`<approval-message .message=${m}></approval-message>`;
    }
    return html`<div class="md ${m.edited_at ? 'was-edited' : ''}">${unsafeHTML(renderMarkdown(m.content))}${m.edited_at
      ? html` <span class="edited" title=${dateTime(m.edited_at)}>(edited)</span>` : ''}</div>`;
  }

  _renderAttachments(m) {
    if (!m.attachments?.length || m.deleted_at) {
      return '';
    }
    return html`<div class="files">${m.attachments.map((a) => (a.thumbnail_url
      ? html`<a href=${a.url} target="_blank" rel="noopener"><img src=${a.thumbnail_url} alt=${a.file_name}
              loading="lazy" data-testid="thumbnail"></a>`
      : html`<a class="chip" href=${a.url} download=${a.file_name} data-testid="file-chip">📄 ${a.file_name}
              <span class="muted">${fileSize(a.file_size)}</span></a>`))}</div>`;
  }

  _renderReactions(m) {
    const entries = Object.entries(m.reactions ?? {}).filter(([, users]) => users.length);
    if (!entries.length) {
      return '';
    }
    const me = this.store.user?.username;
    return html`<div class="reactions">${entries.map(([reaction, users]) => html`
      <button class="reaction ${users.includes(me) ? 'mine' : ''}" title=${users.join(', ')} data-testid="reaction"
              ?disabled=${!m.message_id} @click=${() => this._react(reaction)}>${reaction} ${users.length}</button>`)}</div>`;
  }

  _renderActions(mine) {
    const admin = this.store.user?.roles?.includes('admin');
    return html`<div class="actions" role="toolbar" aria-label="Message actions">
      <button class="icon" title="Add reaction" aria-label="Add reaction" aria-expanded=${Boolean(this._picker)}
              data-action="react" @click=${this._togglePicker}>😀</button>
      ${this.inThread ? '' : html`<button class="icon" title="Reply in thread" data-action="thread" @click=${this._openThread}>💬</button>`}
      <button class="icon" title=${this.message.pinned_at ? 'Unpin' : 'Pin'} data-action="pin"
              @click=${() => this.store.pin(this.message.message_id, !this.message.pinned_at).catch(() => {})}>📌</button>
      ${mine ? html`<button class="icon" title="Edit" data-action="edit" @click=${() => this.store.startEditing(this.message.message_id)}>✏️</button>` : ''}
      ${mine || admin ? html`<button class="icon" title="Delete" data-action="delete" @click=${this._delete}>🗑️</button>` : ''}
    </div>`;
  }

  updated(changed) {
    if (changed.has('editing') && this.editing) {
      const area = this.renderRoot.querySelector('textarea');
      area?.focus();
      area?.setSelectionRange(area.value.length, area.value.length);
    }
    this._addCopyButtons();
  }

  flash() {
    this._flash = true;
    setTimeout(() => { this._flash = false; }, 2000);
  }

  _addCopyButtons() {
    for (const pre of this.renderRoot.querySelectorAll('pre.code-block')) {
      if (pre.querySelector('.copy')) {
        continue;
      }
      const button = document.createElement('button');
      button.className = 'copy';
      button.textContent = 'Copy';
      button.addEventListener('click', () => copy(pre.querySelector('code').textContent).then(() => {
        button.textContent = 'Copied';
        setTimeout(() => { button.textContent = 'Copy'; }, 1500);
      }));
      pre.append(button);
    }
    const me = this.store.user?.username;
    this.renderRoot.querySelectorAll('.mention').forEach((mention) => {
      mention.classList.toggle('me', mention.dataset.mention?.toLowerCase() === me?.toLowerCase());
    });
  }

  _avatar() {
    const m = this.message;
    if (m.author_type === 'agent') {
      return agentEmoji(m.author_id);
    }
    return m.author_type === 'system' ? '⚙' : (m.author_name ?? '?').charAt(0).toUpperCase();
  }

  _mine() {
    const m = this.message;
    return m.author_type === 'user' && m.author_id === this.store.user?.username;
  }

  _mentionsMe() {
    return !this._mine() && mentions(this.message.content, this.store.user?.username);
  }

  /** Focuses the message itself (the list's ↑/↓, a deep link). */
  focus() {
    this.renderRoot.querySelector('article')?.focus();
  }

  _togglePicker() {
    this._picker = !this._picker;
    this._closePicker?.();
    this._closePicker = this._picker ? panelOpened(() => {
      this._picker = false;
      this._closePicker = null;
      this.renderRoot.querySelector('[data-action=react]')?.focus(); // where the picker was opened from
    }) : null;
    if (this._picker) {
      this.updateComplete.then(() => this.renderRoot.querySelector('.picker button')?.focus());
    }
  }

  async _react(reaction) {
    this._picker = false;
    this._closePicker?.();
    this._closePicker = null;
    await this.store.react(this.message.message_id, reaction).catch(() => {});
  }

  _openThread() {
    this.dispatchEvent(new CustomEvent('open-thread', { detail: this.message.message_id, bubbles: true, composed: true }));
  }

  async _editKey(event) {
    if (event.key === 'Escape') {
      event.preventDefault(); // the edit is what Escape closes here, not a panel
      this._editDone();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      const content = event.target.value.trim();
      if (content && content !== this.message.content) {
        await this.store.edit(this.message.message_id, content).catch(() => {});
      }
      this._editDone();
    }
  }

  /** The editor closes: the page gives the focus back to the composer (edit-done), not to the body. */
  _editDone() {
    this.store.startEditing(null);
    this.dispatchEvent(new CustomEvent('edit-done', { bubbles: true, composed: true }));
  }

  async _delete() {
    if (confirm('Delete this message? This cannot be undone.')) {
      await this.store.remove(this.message.message_id).catch(() => {});
    }
  }
}

function copy(text) {
  if (navigator.clipboard?.writeText) {
    return navigator.clipboard.writeText(text).catch(() => fallbackCopy(text));
  }
  return Promise.resolve(fallbackCopy(text));
}

function fallbackCopy(text) {
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
customElements.define('message-item', MessageItem);
