// What the person does with approvals: decide one or many, and fetch the records no frame brought.
import { api, ApiError } from '../services/api.js';
import { keepApproval } from './frame-reducer.js';

// An envelope id (docs/protocol.md), and never a path segment of its own ("." or "..").
const DECISION = { approve: 'Approve', reject: 'Reject', modify: 'Approve with changes' };
const APPROVAL_ID = /^(?!\.{1,2}$)[A-Za-z0-9._:-]{1,128}$/;

/** Whether a fetched record says more than the one kept: a decision, or more votes toward its quorum. */
function fresher(fetched, known) {
  if (!known) {
    return true;
  }
  if (known.status !== 'pending') {
    return false;
  }
  return fetched.status !== 'pending' || (fetched.votes?.length ?? 0) >= (known.votes?.length ?? 0);
}

export class ApprovalActions {
  /**
   * `act` sends a frame and resolves with its answer (telling the person of a failure); `changed`
   * after every change; `offline` holds a decision made while disconnected (offline-queue.js).
   */
  constructor(state, act, changed, offline) {
    this.state = state;
    this._act = act;
    this.changed = changed;
    this.offline = offline;
    this._lookups = new Map();
    this._groupLoads = new Map();
  }

  /** `remember` (with approve): `{until, command_prefix?}`, a standing rule made with the approval. */
  async respond(approvalId, action, { comment, modifications, remember } = {}) {
    const frame = { type: 'approval.respond', approval_id: approvalId, action,
      ...(comment ? { comment } : {}), ...(modifications ? { modifications } : {}), ...(remember ? { remember } : {}) };
    if (this._holdWhileOffline(frame)) {
      return { queued: true };
    }
    return this._respond(frame);
  }

  /**
   * Offline, a decision is held rather than queued: on reconnect it goes out only if the card is
   * still what the person saw (offline-queue.js). False when online.
   */
  _holdWhileOffline(frame) {
    if (!this.offline || this.offline.online) {
      return false;
    }
    const id = frame.approval_id;
    const record = this.state.approvals.get(id);
    this.offline.hold({ approvalId: id, record, label: `${DECISION[frame.action] ?? frame.action} “${record?.title ?? id}”`,
      check: () => this._fresh(id), send: () => this._respond(frame) });
    return true;
  }

  async _respond(frame) {
    const ack = await this._act(frame, { kind: 'approval', label: `${DECISION[frame.action] ?? frame.action} ${frame.approval_id}` });
    if (ack?.approval) {
      keepApproval(this.state, ack.approval);
      this.changed();
    }
    return ack;
  }

  /** The record as the server has it now (rejects when it cannot be asked). */
  async _fresh(id) {
    const approval = await api.approval(id);
    if (approval?.approval_id !== id) {
      throw new Error('Not the record asked for');
    }
    keepApproval(this.state, approval);
    this.changed();
    return approval;
  }

  /**
   * Decides several requests in one frame, each on its own: resolves with the results per id
   * (`decided`, `voted`, `conflict`, `not_found`, `forbidden`), the records of those decided kept.
   */
  async respondMany(approvalIds, action, { comment } = {}) {
    const each = approvalIds.map((id) => ({ type: 'approval.respond', approval_id: id, action, ...(comment ? { comment } : {}) }));
    if (each.every((frame) => this._holdWhileOffline(frame))) { // offline: each held and checked on its own
      return approvalIds.map((id) => ({ approval_id: id, result: 'queued' }));
    }
    const ack = await this._act({ type: 'approval.respond_many', approval_ids: approvalIds, action,
      ...(comment ? { comment } : {}) });
    const results = Array.isArray(ack?.results) ? ack.results : [];
    results.filter((r) => r?.approval?.approval_id).forEach((r) => keepApproval(this.state, r.approval));
    this.changed();
    return results;
  }

  /**
   * The requests of a flow group, asked of the server (frames bring each one as it comes, but a
   * page opened later, or a request it missed, needs the list). One load at a time per group; one
   * asked for meanwhile follows it, so a request that joined during a load is not missed.
   */
  loadGroup(groupId) {
    if (!APPROVAL_ID.test(String(groupId))) {
      return Promise.resolve();
    }
    const running = this._groupLoads.get(groupId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const load = { again: false };
    load.done = (async () => {
      do {
        load.again = false;
        try {
          const members = await api.approvalGroup(groupId);
          (Array.isArray(members) ? members : []).filter((a) => a?.approval_id)
            .filter((a) => a.approval_id === groupId || a.group_id === groupId)
            .filter((a) => fresher(a, this.state.approvals.get(a.approval_id)))
            .forEach((a) => keepApproval(this.state, a));
          this.changed();
        } catch {
          // an older server without groups, or none reached: the frames still bring new requests
        }
      } while (load.again);
    })().finally(() => this._groupLoads.delete(groupId));
    this._groupLoads.set(groupId, load);
    return load.done;
  }

  /**
   * The approval's record, asked of the server once when no frame brought it (a decided one is
   * not in ready). An id it does not know stays unknown: messages can name any id they like.
   */
  approval(id, { refresh = false } = {}) {
    const approvals = this.state.approvals;
    if (!APPROVAL_ID.test(String(id)) || (!refresh && (approvals.has(id) || this._lookups.has(id)))) {
      return Promise.resolve(approvals.get(id));
    }
    const lookup = api.approval(id).then((approval) => {
      if (approval?.approval_id !== id) {
        return approvals.get(id); // not the record asked for, whatever answered
      }
      if (refresh || !approvals.has(id)) { // a frame that came meanwhile is as new or newer
        keepApproval(this.state, approval);
        this.changed();
      }
      return approval;
    }, (error) => {
      if (!(error instanceof ApiError && error.status === 404)) {
        this._lookups.delete(id); // the server was not reached: ask again next time
      }
      return approvals.get(id);
    });
    this._lookups.set(id, lookup);
    return lookup;
  }
}
