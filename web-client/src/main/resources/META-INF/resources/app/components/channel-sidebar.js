import { LitElement, html, css } from 'lit';
import { agentEmoji } from '../services/format.js';
import { dmParts } from '../services/channel-names.js';
import { channelHref, viewHref } from '../services/routes.js';
import { viewsFor } from '../services/views.js';
import { base } from '../styles/base-styles.js';
import { sidebarSections } from '../state/channel-order.js';
import { statusView } from '../state/agent-presence.js';
import { StoreController } from '../state/store-controller.js';

const CONNECTION_TEXT = {
  idle: 'Offline', connecting: 'Connecting…', open: 'Online', reconnecting: 'Reconnecting…',
  closed: 'Offline', unauthorized: 'Signed out',
};

/**
 * Left pane: channels with unread counts, agents with presence (each opens the person's own DM with
 * it), older shared DMs for admins, and the signed-in person with their password and sign-out.
 */
export class ChannelSidebar extends LitElement {
  static properties = {
    /** The view the main pane shows (#/v/<id>), or null for a channel. */
    view: { type: String },
  };

  static styles = [base, css`
    :host { display: flex; flex-direction: column; }
    /* a landmark of its own, so its header and footer are the sidebar's, not the page's banner and contentinfo */
    section { display: contents; }
    header { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 10px 8px 10px 16px; font-weight: 700; color: var(--text-strong); border-bottom: 1px solid var(--bg-deep); }
    header button { font-size: 12px; font-weight: 400; padding: 4px 8px; }
    nav { flex: 1; overflow-y: auto; padding: 8px; }
    h2 { font-size: 12px; text-transform: uppercase; color: var(--text-muted); margin: 14px 8px 4px; letter-spacing: 0.02em; }
    a { display: flex; align-items: center; gap: 8px; padding: 6px 8px; border-radius: 4px; color: var(--text-muted); text-decoration: none; cursor: pointer; }
    a:hover { background: var(--bg-hover); color: var(--text); }
    a.current { background: var(--selected); color: var(--text-strong); }
    a.unread { color: var(--text-strong); font-weight: 700; }
    @media (pointer: coarse) { a { min-height: 44px; } }
    .name { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .badge { background: var(--badge); color: var(--on-accent); border-radius: 8px; font-size: 12px; padding: 0 6px; font-weight: 700; }
    .badge.mention { background: var(--mention-badge); } /* red with 4.5:1 for white 12px text */
    .dot { width: 12px; flex: none; font-size: 12px; line-height: 1; text-align: center; color: var(--dot); }
    .dot.online { color: var(--ok); } .dot.busy { color: var(--link); } .dot.idle { color: var(--warn); }
    .task { font-size: 11px; color: var(--text-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    footer { display: flex; align-items: center; gap: 8px; padding: 10px; background: var(--footer); }
    .who { flex: 1; min-width: 0; }
    .who strong { display: block; color: var(--text-strong); font-size: 14px; }
    .status { font-size: 12px; }
    .status.open { color: var(--ok); } .status.reconnecting, .status.connecting { color: var(--warn); }
    .problem { display: block; font-size: 11px; color: var(--text-muted); }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `];

  constructor() {
    super();
    this.store = new StoreController(this).store;
  }

  render() {
    const store = this.store;
    const { channels, agents, shared } = sidebarSections(store);
    const anyUnread = store.channels.some((c) => c.unread > 0);
    const waiting = store.connection === 'connecting' || store.connection === 'reconnecting';
    return html`
      <section aria-label="Sidebar"><header><span>Workflow Chat</span>
        <button data-testid="mark-all-read" ?disabled=${!anyUnread} @click=${() => store.markAllRead()}>Mark all read</button></header>
      <nav aria-label="Channels">
        <h2>Views</h2>
        ${viewsFor(store.user).map((v) => this._renderView(v))}
        <h2>Channels</h2>
        ${channels.map((c) => this._renderChannel(c.name, html`<span aria-hidden="true">#</span>
          <span class="name">${c.title ?? c.name}</span>`, c))}
        <h2>Agents</h2>
        ${agents.map((a) => this._renderAgent(a, store.presence.get(a.agent)))}
        ${shared.length ? html`<h2 id="shared-dms">Older shared DMs</h2>
          <div role="group" aria-labelledby="shared-dms">${shared.map((c) => this._renderSharedDm(c))}</div>` : ''}
      </nav>
      <footer>
        <div class="who">
          <strong data-testid="me">${store.user?.display_name ?? store.user?.username}</strong>
          <span class="status ${store.connection}" data-testid="connection">${CONNECTION_TEXT[store.connection] ?? store.connection}</span>
          ${waiting && store.connectionProblem ? html`<span class="problem" role="status"
            data-testid="connection-problem">${store.connectionProblem}</span>` : ''}
        </div>
        <button class="icon" title="Change password" aria-label="Change password" data-testid="change-password"
                @click=${this._changePassword}>🔑</button>
        <button class="icon" title="Sign out" @click=${() => this._fire('sign-out')}>⎋</button>
        <password-dialog .username=${store.user?.username}></password-dialog>
      </footer></section>
    `;
  }

  _renderView({ id, label, icon }) {
    const current = id === this.view;
    const pending = id === 'inbox' ? this.store.pendingApprovals().length : 0;
    return html`<a href=${viewHref(id)} class=${current ? 'current' : ''} data-view=${id}
                   aria-current=${current ? 'page' : 'false'}>
      <span aria-hidden="true">${icon}</span><span class="name">${label}</span>
      ${pending ? html`<span class="badge" data-testid="inbox-count" aria-hidden="true">${pending}</span>
        <span class="sr">${pending} pending</span>` : ''}
    </a>`;
  }

  /** A real link (#/c/name): Tab reaches it, Enter follows it, and the browser's history keeps it. */
  _renderChannel(name, label, channel) {
    const unread = channel?.unread ?? 0;
    const current = !this.view && name === this.store.current;
    const mentioned = current ? 0 : this.store.mentionCount(name);
    return html`<a href=${channelHref(name)} class="${current ? 'current' : ''} ${unread && !current ? 'unread' : ''}"
                   data-channel=${name} aria-current=${current ? 'page' : 'false'}>
      ${label}${mentioned ? html`<span class="badge mention" data-testid="mention" aria-hidden="true">@${mentioned}</span>
        <span class="sr">${mentioned} ${mentioned === 1 ? 'mention' : 'mentions'}</span>` : ''}${unread && !current && !mentioned
        ? html`<span class="badge" data-testid="unread" aria-hidden="true">${unread > 999 ? '999+' : unread}</span>
          <span class="sr">${unread} unread</span>` : ''}
    </a>`;
  }

  _renderAgent({ agent, name, channel }, presence) {
    const { status, label, shape } = statusView(presence);
    return this._renderChannel(name, html`
      <span class="dot ${status}" aria-hidden="true" title=${label}>${shape}</span>
      <span class="sr" data-testid="agent-status" data-status=${status}>${label}</span>
      <span class="name">${agentEmoji(agent)} ${agent}
        ${presence?.task ? html`<div class="task">${presence.task}</div>` : ''}</span>`, channel);
  }

  _renderSharedDm(channel) {
    const { agent } = dmParts(channel.name);
    return this._renderChannel(channel.name, html`<span aria-hidden="true">${agentEmoji(agent)}</span>
      <span class="name" title="Shared by everyone before DMs were private; read-only">${agent} (shared)</span>`, channel);
  }

  _changePassword(event) {
    this.renderRoot.querySelector('password-dialog').open(event.currentTarget);
  }

  _fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
customElements.define('channel-sidebar', ChannelSidebar);
