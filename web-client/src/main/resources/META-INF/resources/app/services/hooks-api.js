// The REST calls of webhooks' administration (admins only): make, list, revoke.
import { request } from './api.js';

export const hooksApi = {
  list: () => request('GET', '/api/hooks'),
  /** Answers the hook with its URL (and a GitHub hook's signing secret) this once. */
  create: (hook) => request('POST', '/api/hooks', hook),
  revoke: (id) => request('DELETE', `/api/hooks/${encodeURIComponent(id)}`),
};
