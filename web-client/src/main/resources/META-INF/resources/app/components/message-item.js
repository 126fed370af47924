import { LitElement, html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { highlightPlainCode, renderMarkdown } from '../services/markdown.js';
import { copyText, enhanceRendered } from '../services/code-blocks.js';
import { DISCORD_NOTE, agentEmoji, agentName, dateTime, fileSize, fromDiscord, time } from '../services/format.js';
import { MAX_MESSAGE_CHARS } from '../services/limits.js';
import { mentions } from '../services/mentions.js';
import { LongPress } from '../services/long-press.js';
import { QUICK_REACTIONS, messageActions, messageLink } from '../services/message-actions.js';
import { panelOpened } from '../services/panels.js';
import { openMessageSheet } from './message-sheet.js';
import { base } from '../styles/base-styles.js';
import { markdown } from '../styles/markdown-styles.js';
import { messageStyles } from '../styles/message-styles.js';
import { StoreController } from '../state/store-controller.js';
import { quoteMessage } from '../state/drafts.js';
import { loadEmojiPanel } from '../services/later-modules.js';

/** One message: author, time, sanitised Markdown, attachments, reactions, its hover actions and (touch) its action sheet. */
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
    // while the picker is open the message lifts its paint containment, or the picker would be cut off
    picking: { type: Boolean, reflect: true },
    _flash: { state: true },
  };

  static styles = [base, markdown, messageStyles];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
    this._longPress = new LongPress(this, () => this._sheetAllowed() && this.openSheet(this));
  }

  render() {
    const m = this.message;
    if (!m) {
      return nothing;
    }
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
          ${m.author_type === 'hook' ? html`<span class="tag" data-testid="hook-tag"
            title="Posted through a webhook, not by a person or an agent">webhook</span>` : ''}
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
          ${m.pending && !m.ephemeral ? html`<div class="note" data-testid="sending">Sending…</div>` : ''}
          ${m.failed ? html`<div class="failed">Not sent: ${m.failed}
            <button @click=${() => this.store.retry(m)}>Retry</button>
            <button @click=${() => this.store.discard(m)}>Discard</button></div>` : ''}
        </div>
        ${this._sheetAllowed() ? this._renderActions() : ''}
        ${this._picker ? html`<div class="reaction-picker ${this._picker}" role="dialog" aria-label="Add a reaction">
          <div class="quick">${QUICK_REACTIONS.map((r) => html`
            <button class="icon" @click=${() => this._react(r)}>${r}</button>`)}</div>
          <emoji-panel @emoji-chosen=${(e) => this._react(e.detail)}></emoji-panel></div>` : ''}
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

  /** The hover bar (a mouse, a keyboard) and, on a touch screen, the ⋯ button that opens the action sheet. */
  _renderActions() {
    const actions = messageActions(this.message, this.store.user, { inThread: this.inThread }).filter((a) => !a.sheetOnly);
    return html`<div class="actions" role="toolbar" aria-label="Message actions">${actions.map((a) => (a.id === 'react'
      ? html`<button class="icon" title=${a.label} aria-label=${a.label} aria-expanded=${Boolean(this._picker)}
              data-action="react" @click=${this._togglePicker}>${a.icon}</button>`
      : html`<button class="icon" title=${a.label} data-action=${a.id} @click=${() => this._run(a.id)}>${a.icon}</button>`))}
    </div><button class="icon more" aria-label="More actions" aria-haspopup="dialog" data-action="more"
      @click=${(e) => this.openSheet(e.currentTarget)}>⋯</button>`;
  }

  _sheetAllowed() {
    const m = this.message;
    return Boolean(m?.message_id && !m.deleted_at && !this.editing);
  }

  /** Opens the action sheet; the focus returns to `returnTo` when it closes. */
  openSheet(returnTo) {
    openMessageSheet({ message: this.message, returnTo,
      actions: messageActions(this.message, this.store.user, { inThread: this.inThread }),
      run: (id, reaction) => (id === 'react' ? this._react(reaction) : this._run(id)) });
  }

  _run(id) {
    const m = this.message;
    switch (id) {
      case 'thread': return this._openThread();
      case 'quote': return quoteMessage(m, { inThread: this.inThread });
      case 'copy-link': return copyText(messageLink(m));
      case 'copy-text': return copyText(m.content ?? '');
      case 'pin': return this.store.pin(m.message_id, !m.pinned_at).catch(() => {});
      case 'edit': return this.store.startEditing(m.message_id);
      case 'delete': return this._delete();
      default: return null;
    }
  }

  updated(changed) {
    if (changed.has('editing') && this.editing) {
      const area = this.renderRoot.querySelector('textarea');
      area?.focus();
      area?.setSelectionRange(area.value.length, area.value.length);
    }
    enhanceRendered(this.renderRoot, this.store.user?.username);
    highlightPlainCode(this.renderRoot).catch(() => {}); // stays plain, and readable, without the network
  }

  /** A passing highlight; its time counts from when it is painted, not while a long history renders. */
  flash() {
    this._flash = true;
    clearTimeout(this._flashTimer);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      this._flashTimer = setTimeout(() => { this._flash = false; }, 2500);
    }));
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

  /** Opens the picker below the message, or above it when the message is low on the screen. */
  _togglePicker() {
    const top = this.renderRoot.querySelector('article').getBoundingClientRect().top;
    this._picker = this._picker ? null : (top > window.innerHeight / 2 ? 'up' : 'down');
    if (this._picker) {
      loadEmojiPanel().catch(() => {}); // the full picker shows itself once here; the quick reactions at once
    }
    this.picking = Boolean(this._picker);
    this._closePicker?.();
    this._closePicker = this._picker ? panelOpened(() => {
      this._picker = null;
      this.picking = false;
      this._closePicker = null;
      this.renderRoot.querySelector('[data-action=react]')?.focus(); // where the picker was opened from
    }) : null;
  }

  async _react(reaction) {
    this._picker = null;
    this.picking = false;
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

customElements.define('message-item', MessageItem);
