import { LitElement, html, css } from 'lit';
import { base } from '../styles/base-styles.js';
import { StoreController } from '../state/store-controller.js';

/**
 * The top of the main pane while the connection is down ("Offline — reconnecting…", retry now), on
 * every width: the sidebar's status is out of sight in a phone's closed drawer. Under it, what the
 * person did meanwhile, each cancellable; an approval decision whose card changed while they were
 * away asks again (what changed, send anyway or drop).
 */
export class ConnectionBanner extends LitElement {
  static styles = [base, css`
    :host { display: block; }
    .offline { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; padding: 6px 16px; background: #5c4716; color: var(--text-strong); font-size: 14px; }
    ul { list-style: none; margin: 0; padding: 4px 16px; background: var(--bg-side); border-bottom: 1px solid var(--bg-deep); max-height: 40vh; overflow-y: auto; }
    li { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; padding: 4px 0; font-size: 13px; }
    .label { flex: 1 1 160px; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--text-strong); }
    .changed { flex-basis: 100%; color: var(--warn); }
    button { padding: 2px 10px; font-size: 13px; }
    @media (pointer: coarse) { button { min-height: 44px; min-width: 44px; } }
  `];

  constructor() {
    super();
    this.store = new StoreController(this).store;
  }

  render() {
    const store = this.store;
    const offline = store.connection === 'reconnecting' || (store.connection === 'connecting' && Boolean(store.connectionProblem));
    const pending = store.pending;
    return html`
      <div role="status" data-testid="connection-banner">${offline ? html`<div class="offline">
        <span>Offline — reconnecting…</span>
        <button data-action="retry-now" @click=${() => store.retryNow()}>Retry now</button></div>` : ''}</div>
      ${pending.length ? html`<ul aria-label="Waiting to send" data-testid="pending">${pending.map((item) => this._renderItem(item))}</ul>` : ''}
    `;
  }

  _renderItem(item) {
    if (item.changedText) {
      return html`<li data-testid="pending-item" data-kind=${item.kind}>
        <span class="label">${item.label}</span>
        <span class="changed" data-testid="pending-changed">Changed while you were offline: ${item.changedText} Send it anyway?</span>
        <button data-action="confirm" @click=${() => this.store.confirmPending(item.id)}>Send anyway</button>
        <button data-action="drop" @click=${() => this.store.cancelPending(item.id)}>Drop</button></li>`;
    }
    return html`<li data-testid="pending-item" data-kind=${item.kind}>
      <span class="label">${item.label}</span>
      <span class="muted">${item.checking ? 'checking the card…' : 'pending — will send on reconnect'}</span>
      <button data-action="cancel" aria-label="Cancel: ${item.label}" @click=${() => this.store.cancelPending(item.id)}>Cancel</button></li>`;
  }
}
customElements.define('connection-banner', ConnectionBanner);
