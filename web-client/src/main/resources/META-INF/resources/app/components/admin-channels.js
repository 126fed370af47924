import { LitElement, html } from 'lit';
import { adminApi } from '../services/admin-api.js';
import { StoreController } from '../state/store-controller.js';
import { base } from '../styles/base-styles.js';
import { adminStyles } from '../styles/admin-styles.js';

/**
 * Channels: an admin creates one, gives one a title and a description, archives it or opens an
 * archived one again. A channel's name is its key everywhere (messages, project bindings, the
 * Discord bridge, links), so it is never renamed: the title is what people see instead.
 */
export class AdminChannels extends LitElement {
  static properties = {
    _archived: { state: true },
    _status: { state: true },
    _error: { state: true },
  };

  static styles = [base, adminStyles];

  constructor() {
    super();
    // the open channels come live from the store; the archived ones are asked for
    this.store = new StoreController(this, { select: (store) => store.channels }).store;
    this._archived = [];
  }

  connectedCallback() {
    super.connectedCallback();
    this._loadArchived();
  }

  async _loadArchived() {
    try {
      this._archived = await adminApi.archivedChannels();
    } catch (error) {
      this._fail(error);
    }
  }

  render() {
    const open = this.store.channels.filter((c) => c.kind === 'public');
    return html`
      <h3>Create a channel</h3>
      <form class="inline" @submit=${this._create} data-testid="create-channel">
        <div class="field narrow"><label for="channel-name">Name</label>
          <input id="channel-name" name="name" required autocomplete="off" pattern="[a-z0-9_\\-]{1,64}"
            aria-describedby="channel-name-hint"></div>
        <div class="field"><label for="channel-description">Description</label>
          <input id="channel-description" name="description" maxlength="500" autocomplete="off"></div>
        <button class="primary" type="submit">Create</button>
      </form>
      <p class="hint" id="channel-name-hint">Name: lower-case letters, digits, “-” and “_”; it never changes (give a title instead).</p>
      <div class="status" role="status" data-testid="channels-status">${this._status ?? ''}</div>
      ${this._error ? html`<div class="status error" role="alert" data-testid="channels-error">${this._error}</div>` : ''}
      <ul class="rows" aria-label="Open channels">${open.map((c) => this._renderOpen(c))}</ul>
      ${this._archived.length ? html`<h3>Archived</h3>
        <ul class="rows" aria-label="Archived channels">${this._archived.map((c) => this._renderArchived(c))}</ul>` : ''}
    `;
  }

  _renderOpen(channel) {
    const id = `ch-${channel.name}`;
    return html`<li data-testid="channel-row" data-channel=${channel.name}>
      <form class="inline" @submit=${(e) => this._save(e, channel.name)}>
        <div class="who"><strong>#${channel.name}</strong>${channel.project
          ? html` <span class="muted">project ${channel.project}</span>` : ''}</div>
        <div class="field"><label for="${id}-title">Title</label>
          <input id="${id}-title" name="title" maxlength="80" .value=${channel.title ?? ''} placeholder=${channel.name}></div>
        <div class="field"><label for="${id}-description">Description</label>
          <input id="${id}-description" name="description" maxlength="500" .value=${channel.description ?? ''}></div>
        <div class="actions">
          <button type="submit" aria-label="Save #${channel.name}">Save</button>
          <button type="button" data-testid="archive" aria-label="Archive #${channel.name}"
            @click=${() => this._setArchived(channel.name, true)}>Archive</button>
        </div>
      </form>
    </li>`;
  }

  _renderArchived(channel) {
    return html`<li data-testid="archived-row" data-channel=${channel.name}>
      <div class="who"><strong>#${channel.name}</strong> <span class="muted">${channel.title ?? ''}</span></div>
      <button data-testid="unarchive" aria-label="Open #${channel.name} again"
        @click=${() => this._setArchived(channel.name, false)}>Open again</button>
    </li>`;
  }

  _create(event) {
    event.preventDefault();
    const element = event.target; // the event's target is gone once the call has been awaited
    const form = new FormData(element);
    const name = form.get('name').trim();
    return this._act(async () => {
      await adminApi.createChannel(name, form.get('description').trim());
      element.reset();
      return `#${name} was created.`;
    });
  }

  _save(event, name) {
    event.preventDefault();
    const form = new FormData(event.target);
    return this._act(async () => {
      await adminApi.updateChannel(name, { title: form.get('title'), description: form.get('description') });
      return `#${name} was saved.`;
    });
  }

  _setArchived(name, archived) {
    return this._act(async () => {
      await adminApi.setArchived(name, archived);
      await this._loadArchived();
      return archived ? `#${name} was archived.` : `#${name} is open again.`;
    });
  }

  async _act(action) {
    this._error = null;
    this._status = '';
    try {
      this._status = await action();
    } catch (error) {
      this._fail(error);
    }
  }

  _fail(error) {
    this._error = error.message ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` : 'That did not work.';
  }
}
customElements.define('admin-channels', AdminChannels);
