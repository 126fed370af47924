// The REST calls of administration and of the person's own profile (api.js holds the chat's own).
import { request } from './api.js';

const encode = encodeURIComponent;

export const adminApi = {
  users: () => request('GET', '/api/users'),
  createUser: (user) => request('POST', '/api/users', user),
  updateUser: (username, change) => request('PATCH', `/api/users/${encode(username)}`, change),
  setDisabled: (username, disabled) => request('POST', `/api/users/${encode(username)}/${disabled ? 'disable' : 'enable'}`),
  /** Without a password the server makes one up and answers it once (`generated_password`). */
  resetPassword: (username, password) => request('POST', `/api/users/${encode(username)}/password`,
    password ? { password } : {}),
  agentKeys: () => request('GET', '/api/agent-keys'),
  /** Answers `{key, secret}`: the secret this once. */
  mintAgentKey: (agent, body) => request('POST', `/api/agents/${encode(agent)}/keys`, body),
  revokeAgentKey: (agent, id) => request('DELETE', `/api/agents/${encode(agent)}/keys/${encode(id)}`),
  channels: () => request('GET', '/api/channels'),
  archivedChannels: () => request('GET', '/api/channels/archived'),
  createChannel: (name, description) => request('POST', '/api/channels', { name, description }),
  updateChannel: (name, change) => request('PATCH', `/api/channels/${encode(name)}`, change),
  setArchived: (name, archived) => request('POST', `/api/channels/${encode(name)}/${archived ? 'archive' : 'unarchive'}`),
  updateMe: (change) => request('PATCH', '/api/me', change),
};
