import { LitElement, html, nothing } from 'lit';
import { channelLabel, fileSize } from '../services/format.js';
import { MAX_MESSAGE_CHARS } from '../services/limits.js';
import { base } from '../styles/base-styles.js';
import { composerStyles } from '../styles/composer-styles.js';
import { StoreController } from '../state/store-controller.js';
import { Completions } from '../state/completions.js';
import { loadDraft, onQuote, saveDraft } from '../state/drafts.js';
import { forgetUpload, startUploads } from '../state/uploads.js';
import { panelOpened } from '../services/panels.js';
import { suggestionStyles } from './suggestion-list.js';
import { loadEmojiPanel } from '../services/later-modules.js';

/**
 * Where a person writes: Enter sends, Shift+Enter breaks the line, "/" suggests commands, ":smi"
 * emoji and "@co" people and agents (state/completions.js), ↑ edits the last own message, files
 * attach by button, drop or paste, the emoji button inserts. What isn't sent is kept as a draft.
 */
export class ChatComposer extends LitElement {
  static properties = {
    channel: {},
    threadId: {},
    placeholder: {},
    _text: { state: true },
    _emoji: { state: true },
    _uploads: { state: true },
    _dragging: { state: true },
  };

  static styles = [base, suggestionStyles, composerStyles];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
    this._text = '';
    this._uploads = [];
    this.completions = new Completions(this, this.store);
  }

  connectedCallback() {
    super.connectedCallback();
    this._stopQuotes = onQuote((quote) => this._quote(quote));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._stopQuotes?.();
    this._closeEmoji?.();
  }

  render() {
    const over = this._text.length > MAX_MESSAGE_CHARS;
    const c = this.completions;
    return html`
      <div class="box ${this._dragging ? 'dragging' : ''}" @dragover=${this._dragOver} @dragleave=${() => { this._dragging = false; }}
           @drop=${this._drop}>
        ${c.open ? html`<suggestion-list .items=${c.items} .active=${c.active} .label=${c.label}
                                         @pick=${(e) => this._pick(e.detail)}></suggestion-list>` : ''}
        <span class="sr-only" aria-live="polite">${c.open ? `${c.items.length} suggestions: arrows to choose, Tab to insert` : ''}</span>
        ${this._emoji ? html`<emoji-panel @emoji-chosen=${(e) => this._insertEmoji(e.detail)}></emoji-panel>` : ''}
        ${this._uploads.length ? html`<div class="uploads">${this._uploads.map((u) => this._renderUpload(u))}</div>` : ''}
        <div class="row">
          <button class="icon" title="Attach a file" data-testid="attach" @click=${() => this.renderRoot.querySelector('input[type=file]').click()}>➕</button>
          <input type="file" hidden multiple @change=${(e) => { this._attach([...e.target.files]); e.target.value = ''; }}>
          <textarea rows="1" aria-label="Message" data-testid="composer" aria-autocomplete="list"
                    aria-controls=${c.open ? 'suggestions' : nothing}
                    aria-activedescendant=${c.open ? `suggestion-${c.active}` : nothing}
                    placeholder=${this.placeholder ?? `Message ${channelLabel(this.channel ?? '')}`}
                    .value=${this._text} @input=${this._input} @keydown=${this._key} @paste=${this._paste}></textarea>
          <button class="icon" title="Emoji" aria-label="Emoji" aria-expanded=${Boolean(this._emoji)} data-testid="emoji-button"
                  @click=${this._toggleEmoji}>😀</button>
          <button class="icon" title="Send" aria-label="Send" @click=${this._send} ?disabled=${over}>➤</button>
        </div>
        ${this._text.length > 0 ? html`<div class="count ${over ? 'over' : ''}">${this._text.length} / ${MAX_MESSAGE_CHARS}</div>` : ''}
      </div>
    `;
  }

  _renderUpload(u) {
    return html`<div class="upload" data-testid="upload">
      ${u.preview ? html`<img src=${u.preview} alt="">` : ''}
      <div class="name">${u.file.name} <span class="muted">${fileSize(u.file.size)}</span></div>
      ${u.error ? html`<div class="error" role="alert">${u.error}</div>`
        : u.attachment ? html`<span class="muted">Ready</span>` : html`<progress max="1" .value=${u.progress}></progress>`}
      <button class="icon" title="Remove" @click=${() => this._removeUpload(u)}>✕</button>
    </div>`;
  }

  willUpdate(changed) {
    // a channel or thread opened (or the person became known): its draft comes back
    const key = `${this.store.user?.username}|${this.channel}|${this.threadId ?? ''}`;
    if (key !== this._draftKey) {
      if (this._draftKey !== undefined && (changed.has('channel') || changed.has('threadId'))) {
        this._uploads = [];
      }
      this._draftKey = key;
      this._text = loadDraft(this.store.user?.username, this.channel, this.threadId);
      this.completions.close();
    }
  }

  updated() {
    const area = this.renderRoot.querySelector('textarea');
    area.style.height = 'auto';
    // an empty box is one row high as it is: measuring it would lay the page out in the middle of rendering it
    if (this._text) {
      area.style.height = `${area.scrollHeight}px`;
    }
  }

  focus() {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  /** Puts `text` in the box to be completed and sent (a board's command), with the keyboard there. */
  insert(text) {
    this._setText(text);
    this.completions.close();
    this.focus();
  }

  /** The text as it now is: kept as the draft of this channel or thread. */
  _setText(text) {
    this._text = text;
    saveDraft(this.store.user?.username, this.channel, this.threadId, text);
  }

  _input(event) {
    this._setText(event.target.value);
    this.completions.update(this._text, event.target.selectionStart ?? this._text.length);
    if (this._text && !this._text.startsWith('/')) {
      this.store.typingNow(this.channel);
    }
  }

  _key(event) {
    const used = this.completions.key(event);
    if (used) {
      event.preventDefault(); // Escape closing the list is all it does here; the text stays
      if (used === 'pick') {
        this._pick(this.completions.active);
      }
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this._send();
    } else if (event.key === 'ArrowUp' && !this._text && !this.threadId) {
      const last = this.store.lastOwnMessage(this.channel);
      if (last) {
        event.preventDefault();
        this.store.startEditing(last.message_id);
      }
    }
  }

  _pick(index) {
    const next = this.completions.apply(this._text, index);
    if (next) {
      this._replaceText(next.text, next.caret);
    }
  }

  /** Puts `text` in the box with the caret at `caret`, and the keyboard there. */
  async _replaceText(text, caret) {
    this._setText(text);
    await this.updateComplete;
    const area = this.renderRoot.querySelector('textarea');
    area.value = text;
    area.focus();
    area.setSelectionRange(caret, caret);
  }

  _toggleEmoji() {
    this._closeEmoji?.();
    this._emoji = !this._emoji;
    if (this._emoji) {
      loadEmojiPanel().catch(() => {}); // the picker (and its 40 KiB) only when someone asks for it
    }
    this._closeEmoji = this._emoji ? panelOpened(() => {
      this._emoji = false;
      this._closeEmoji = null;
      this.focus();
    }) : null;
  }

  _insertEmoji(emoji) {
    const area = this.renderRoot.querySelector('textarea');
    const at = area.selectionEnd ?? this._text.length;
    this._closeEmoji?.();
    this._closeEmoji = null;
    this._emoji = false;
    this._replaceText(this._text.slice(0, at) + emoji + this._text.slice(at), at + emoji.length);
  }

  _quote({ channel, threadId, text }) {
    if (channel !== this.channel || (threadId ?? null) !== (this.threadId ?? null)) {
      return;
    }
    const quoted = `${this._text ? `${this._text.replace(/\n*$/, '')}\n\n` : ''}${text}\n\n`;
    this._replaceText(quoted, quoted.length);
  }

  async _send() {
    const waiting = this._uploads.filter((u) => !u.attachment && !u.error);
    if (waiting.length) {
      this.store.notify('Wait for the uploads to finish.');
      return;
    }
    if (this._text.length > MAX_MESSAGE_CHARS) {
      return;
    }
    const attachments = this._uploads.filter((u) => u.attachment).map((u) => u.attachment);
    const text = this._text;
    if (!text.trim() && !attachments.length) {
      return;
    }
    this._setText('');
    this.completions.close();
    this._uploads = [];
    await this.store.send(text, { channel: this.channel, threadId: this.threadId, attachments });
  }

  _dragOver(event) {
    if (event.dataTransfer?.types?.includes('Files')) {
      event.preventDefault();
      this._dragging = true;
    }
  }

  _drop(event) {
    event.preventDefault();
    this._dragging = false;
    this._attach([...(event.dataTransfer?.files ?? [])]);
  }

  _paste(event) {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length) {
      event.preventDefault();
      this._attach(files);
    }
  }

  _attach(files) {
    this._uploads = [...this._uploads, ...startUploads(files, () => { this._uploads = [...this._uploads]; })];
  }

  _removeUpload(upload) {
    forgetUpload(upload);
    this._uploads = this._uploads.filter((u) => u !== upload);
  }
}
customElements.define('chat-composer', ChatComposer);
