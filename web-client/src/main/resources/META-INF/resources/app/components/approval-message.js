import { LitElement, html, css } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { renderMarkdown } from '../services/markdown.js';
import { dateTime } from '../services/format.js';
import { base } from '../styles/base-styles.js';
import { markdown } from '../styles/markdown-styles.js';
import { StoreController } from '../state/store-controller.js';

/**
 * A message whose metadata names an approval. Metadata is whatever the message's author wrote,
 * so it proves nothing: the card, with its buttons, is drawn only when the approval's own record
 * names this very message. Until the record is known, and forever when it names another message,
 * the text is shown as any message's, without a way to decide. In flow mode the first request's
 * message is its group's: once other requests are gathered into it, the card is the group's.
 */
export class ApprovalMessage extends LitElement {
  static properties = {
    message: { attribute: false },
  };

  static styles = [base, markdown, css`
    :host { display: block; }
    .edited, .note { font-size: 12px; color: var(--text-muted); }
    .note { font-style: italic; margin-top: 2px; }
  `];

  constructor() {
    super();
    // Records come and change by frames at any time (requested, decided): follow the store.
    this.store = new StoreController(this, { select: (store) => store.approvals.get(this._approvalId()) }).store;
    this._group = new StoreController(this, { select: (store) => store.groupOf(this._approvalId()) });
  }

  willUpdate(changed) {
    if (changed.has('message')) {
      this.store.approval(this._approvalId()); // asks the server once when no frame brought the record
    }
  }

  updated() {
    // A request asked in flow mode may be (or become) the first of a group: its card lists the
    // group's requests, so they are asked for once when the card is drawn (frames bring later ones)
    const a = this.store.approvals.get(this._approvalId());
    if (a && (a.mode === 'flow' || a.group_id) && this._groupLoaded !== a.approval_id) {
      this._groupLoaded = a.approval_id;
      this.store.loadGroup(a.approval_id);
    }
  }

  render() {
    const a = this.store.approvals.get(this._approvalId());
    const m = this.message;
    if (a && a.message_id && a.message_id === m.message_id) {
      const others = (this.store.groupOf(a.approval_id) ?? []).filter((x) => x.approval_id !== a.approval_id);
      return others.length
        ? html`<approval-group .approvals=${[a, ...others]}></approval-group>`
        : html`<approval-card .approval=${a}></approval-card>`;
    }
    return html`<div class="md ${m.edited_at ? 'was-edited' : ''}">${unsafeHTML(renderMarkdown(m.content))}${m.edited_at
        ? html` <span class="edited" title=${dateTime(m.edited_at)}>(edited)</span>` : ''}</div>
      ${a ? html`<div class="note" data-testid="approval-mismatch">Refers to an approval it is not part of;
        that approval is decided on its own message.</div>` : ''}`;
  }

  _approvalId() {
    return this.message?.metadata?.approval_id;
  }
}
customElements.define('approval-message', ApprovalMessage);
