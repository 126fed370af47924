import { LitElement, html, css } from 'lit';
import { api } from '../services/api.js';
import { channelLabel, fileSize } from '../services/format.js';
import { MAX_MESSAGE_CHARS } from '../services/limits.js';
import { base } from '../styles/base-styles.js';
import { StoreController } from '../state/store-controller.js';

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Where a person writes: Enter sends, Shift+Enter breaks the line, "/" suggests commands
 * (arrows and Tab pick), ↑ edits the last own message, files attach by button, drop or paste.
 */
export class ChatComposer extends LitElement {
  static properties = {
    channel: {},
    threadId: {},
    placeholder: {},
    _text: { state: true },
    _suggestions: { state: true },
    _active: { state: true },
    _uploads: { state: true },
    _dragging: { state: true },
  };

  static styles = [base, css`
    :host { display: block; padding: 0 16px 16px; }
    .box { background: var(--bg-input); border-radius: 8px; padding: 4px 8px; position: relative; }
    .box:focus-within { outline: 2px solid var(--focus); }
    .box.dragging { outline: 2px dashed var(--accent); }
    .row { display: flex; align-items: flex-end; gap: 4px; }
    textarea { flex: 1; background: transparent; border: 0; resize: none; max-height: 40vh; min-height: 24px; padding: 8px 4px; line-height: 1.4; }
    textarea:focus { border: 0; }
    .count { font-size: 11px; color: var(--text-muted); text-align: right; padding: 0 4px 2px; }
    .count.over { color: var(--danger); }
    .suggestions { position: absolute; bottom: 100%; left: 0; right: 0; margin-bottom: 6px; background: var(--bg-side); border-radius: 8px; box-shadow: 0 4px 16px #000a; overflow: hidden; z-index: 10; }
    .suggestion { display: grid; grid-template-columns: auto 1fr; column-gap: 12px; padding: 8px 12px; cursor: pointer; }
    .suggestion.active, .suggestion:hover { background: var(--bg-hover); }
    .suggestion b { color: var(--text-strong); }
    .suggestion .usage { font-family: var(--mono); font-size: 12px; color: var(--text-muted); grid-column: 2; }
    .uploads { display: flex; flex-wrap: wrap; gap: 8px; padding: 8px 4px 4px; }
    .upload { background: var(--bg-side); border-radius: var(--radius); padding: 6px 8px; width: 180px; font-size: 12px; }
    .upload .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .upload img { max-width: 100%; max-height: 90px; display: block; border-radius: 4px; }
    progress { width: 100%; height: 6px; }
    .upload .error { color: var(--danger); }
    @media (pointer: coarse) { textarea { min-height: 44px; } }
  `];

  constructor() {
    super();
    this.store = new StoreController(this, { select: (store) => store.user }).store;
    this._text = '';
    this._suggestions = [];
    this._active = 0;
    this._uploads = [];
    // a message's "Quote" (message-actions.js): the main composer, or the thread's it belongs to
    this._onQuote = (event) => {
      if ((event.detail?.thread ?? null) === (this.threadId ?? null)) {
        this._text = `${event.detail.text}${this._text}`;
        this.updateComplete.then(() => this.focus());
      }
    };
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('quote-message', this._onQuote);
  }

  disconnectedCallback() {
    document.removeEventListener('quote-message', this._onQuote);
    super.disconnectedCallback();
  }

  render() {
    const over = this._text.length > MAX_MESSAGE_CHARS;
    return html`
      <div class="box ${this._dragging ? 'dragging' : ''}" @dragover=${this._dragOver} @dragleave=${() => { this._dragging = false; }}
           @drop=${this._drop}>
        ${this._suggestions.length ? this._renderSuggestions() : ''}
        ${this._uploads.length ? html`<div class="uploads">${this._uploads.map((u) => this._renderUpload(u))}</div>` : ''}
        <div class="row">
          <button class="icon" title="Attach a file" data-testid="attach" @click=${() => this.renderRoot.querySelector('input[type=file]').click()}>➕</button>
          <input type="file" hidden multiple @change=${(e) => { this._attach([...e.target.files]); e.target.value = ''; }}>
          <textarea rows="1" aria-label="Message" data-testid="composer"
                    placeholder=${this.placeholder ?? `Message ${channelLabel(this.channel ?? '')}`}
                    .value=${this._text} @input=${this._input} @keydown=${this._key} @paste=${this._paste}></textarea>
          <button class="icon" title="Send" @click=${this._send} ?disabled=${over}>➤</button>
        </div>
        ${this._text.length > 0 ? html`<div class="count ${over ? 'over' : ''}">${this._text.length} / ${MAX_MESSAGE_CHARS}</div>` : ''}
      </div>
    `;
  }

  _renderSuggestions() {
    return html`<div class="suggestions" role="listbox" data-testid="suggestions">${this._suggestions.map((s, i) => html`
      <div class="suggestion ${i === this._active ? 'active' : ''}" role="option" aria-selected=${i === this._active}
           @mousedown=${(e) => { e.preventDefault(); this._pick(i); }}>
        <b>${s.text}</b><span class="muted">${s.description ?? ''}</span>
        ${s.usage ? html`<span class="usage">${s.usage}</span>` : ''}
      </div>`)}</div>`;
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

  updated(changed) {
    if (changed.has('channel') && changed.get('channel') !== undefined) {
      this._text = '';
      this._suggestions = [];
      this._uploads = [];
    }
    const area = this.renderRoot.querySelector('textarea');
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight}px`;
  }

  focus() {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  /** Puts `text` in the box to be completed and sent (a board's command), with the keyboard there. */
  insert(text) {
    this._text = text;
    this._suggestions = [];
    this.focus();
  }

  _input(event) {
    this._text = event.target.value;
    if (this._text.startsWith('/') && !this._text.includes('\n')) {
      this._complete(this._text);
    } else {
      this._suggestions = [];
      if (this._text) {
        this.store.typingNow(this.channel);
      }
    }
  }

  async _complete(text) {
    const asked = text;
    const items = await this.store.complete(text);
    if (this._text === asked) {
      this._suggestions = items.slice(0, 10);
      this._active = 0;
    }
  }

  _key(event) {
    if (this._suggestions.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this._active = (this._active + step + this._suggestions.length) % this._suggestions.length;
        return;
      }
      if (event.key === 'Tab') {
        event.preventDefault();
        this._pick(this._active);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault(); // closing the suggestions is all Escape does here
        this._suggestions = [];
        return;
      }
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
    const item = this._suggestions[index];
    if (item) {
      this._text = `${item.text}${item.text.endsWith(' ') ? '' : ' '}`;
      this._suggestions = [];
      this.focus();
    }
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
    this._text = '';
    this._suggestions = [];
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
    for (const file of files) {
      const upload = { file, progress: 0, preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null };
      if (file.size > MAX_UPLOAD_BYTES) {
        upload.error = 'Too large: files may be up to 10 MB.';
        this._uploads = [...this._uploads, upload];
        continue;
      }
      this._uploads = [...this._uploads, upload];
      api.upload(file, (progress) => this._updateUpload(upload, { progress }))
        .then((attachment) => this._updateUpload(upload, { attachment, progress: 1 }))
        .catch((error) => this._updateUpload(upload, { error: error.message }));
    }
  }

  _updateUpload(upload, fields) {
    Object.assign(upload, fields);
    this._uploads = [...this._uploads];
  }

  _removeUpload(upload) {
    if (upload.preview) {
      URL.revokeObjectURL(upload.preview);
    }
    this._uploads = this._uploads.filter((u) => u !== upload);
  }
}
customElements.define('chat-composer', ChatComposer);
