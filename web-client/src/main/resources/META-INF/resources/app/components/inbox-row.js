// One request of the approvals inbox as a grid row: what it is, who asked, where, how far its
// quorum is, how long it has (urgent in the last 20% of its lifetime), and what the person may do.
import { html } from 'lit';
import { expiresSoon, outcomeHeading, quorumText, riskOf } from '../services/approval-text.js';
import { countdown } from '../services/format.js';
import { messageHref } from '../services/routes.js';
import { projectName } from '../state/inbox-model.js';

const TYPE = {
  code_change: 'Code change', state_transition: 'State change', parallel_execution: 'Parallel work',
  batch_changes: 'Batch of changes', story_proposal: 'Stories proposed',
};

/**
 * `row`: {approval, current, tabStop (the row Tab reaches), checked, open (the card's mode, or null), failure,
 * canDecide, now}; `on`:
 * {focus(id), check(id), approve(id), reject(id), open(id, mode)}.
 */
export function inboxRow({ approval: a, current, tabStop, checked, open, failure, canDecide, now }, on) {
  const pending = a.status === 'pending';
  const urgent = pending && expiresSoon(a, now);
  const left = pending ? countdown(a.expires_at, now) : null;
  const quorum = quorumText(a);
  const tab = tabStop ? '0' : '-1'; // roving: only the current row's controls are in the Tab order
  return html`<div role="row" class=${urgent ? 'urgent' : ''} data-testid="inbox-row" data-approval-id=${a.approval_id}
      data-status=${a.status} aria-selected=${current ? 'true' : 'false'} tabindex=${tab}
      aria-label=${`${a.title}, ${riskOf(a)} risk${urgent ? ', expires soon' : ''}`} @focusin=${() => on.focus(a.approval_id)}>
    <div role="gridcell" class="pick">
      ${canDecide ? html`<input type="checkbox" data-testid="inbox-check" aria-label=${`Select ${a.title}`} tabindex=${tab}
        .checked=${checked} @change=${() => on.check(a.approval_id)}>` : ''}
      <risk-badge risk=${riskOf(a)}></risk-badge>
    </div>
    <div role="gridcell">
      <div class="what"><span class="muted">${TYPE[a.request_type] ?? a.request_type}:</span> ${a.title}</div>
      <div class="meta">
        <span data-testid="row-agent">🤖 ${a.requested_by}</span>
        <span data-testid="row-channel"># ${a.channel ?? '—'}</span>
        <span data-testid="row-project">🗂️ ${projectName(a)}</span>
        ${quorum ? html`<span data-testid="row-quorum">${quorum}</span>` : ''}
        ${pending ? html`<span class="countdown ${urgent ? 'urgent' : ''}" data-testid="row-countdown">${left
          ? (urgent ? `expires soon: ${left} left` : `expires in ${left}`) : 'expiring…'}</span>`
          : html`<strong data-testid="row-outcome">${outcomeHeading(a)}</strong>`}
      </div>
    </div>
    <div role="gridcell" class="actions">
      ${canDecide && pending ? html`
        <button class="ok" data-action="approve" tabindex=${tab} @click=${() => on.approve(a.approval_id)}>Approve</button>
        <button class="danger" data-action="reject" tabindex=${tab} @click=${() => on.reject(a.approval_id)}>Reject…</button>
        <button data-action="modify" tabindex=${tab} @click=${() => on.open(a.approval_id, 'modify')}>Modify…</button>
        ${riskOf(a) === 'critical' ? '' : html`<button data-action="rule" tabindex=${tab}
          @click=${() => on.open(a.approval_id, 'remember')}>Make a rule…</button>`}` : ''}
      <button data-action="open" tabindex=${tab} aria-expanded=${open ? 'true' : 'false'}
        @click=${() => on.open(a.approval_id, open ? null : 'card')}>${open ? 'Close' : 'Open'}</button>
      ${a.message_id && a.channel ? html`<a class="button" href=${messageHref(a.channel, a.message_id)} tabindex=${tab}
        data-action="goto">Go to message</a>` : ''}
    </div>
    ${failure ? html`<div role="gridcell" class="failed" data-testid="row-failure">${failure}</div>` : ''}
    ${open ? html`<div role="gridcell" class="open"><approval-card .approval=${a}
      .mode=${open === 'card' ? null : open}></approval-card></div>` : ''}
  </div>`;
}
