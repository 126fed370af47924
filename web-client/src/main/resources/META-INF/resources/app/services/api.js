// The REST client: same-origin fetch with the session cookie; errors carry the problem's code and detail.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function request(method, path, body) {
  const options = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  return parse(response.status, response.headers.get('Content-Type'), await response.text());
}

function parse(status, contentType, text) {
  const json = text && contentType && contentType.includes('json') ? JSON.parse(text) : null;
  if (status >= 200 && status < 300) {
    return json;
  }
  const code = json?.code ?? (status === 401 ? 'unauthorized' : 'error');
  const message = json?.detail ?? json?.title ?? json?.message ?? `Request failed (${status})`;
  throw new ApiError(status, code, message);
}

const encode = encodeURIComponent;

export const api = {
  login: (username, password) => request('POST', '/api/auth/login', { username, password }),
  logout: () => request('POST', '/api/auth/logout'),
  me: () => request('GET', '/api/me'),
  session: () => request('GET', '/api/auth/session'),
  changePassword: (current, next) => request('POST', '/api/me/password', { current_password: current, new_password: next }),
  channels: () => request('GET', '/api/channels'),
  users: () => request('GET', '/api/users'),
  search: (q, channel) => request('GET', `/api/messages/search?q=${encode(q)}${channel ? `&channel=${encode(channel)}` : ''}`)
    .then((answer) => answer.results),
  pins: (channel) => request('GET', `/api/channels/${encode(channel)}/pins`),
  attachments: (channel) => request('GET', `/api/channels/${encode(channel)}/attachments?limit=50`),
  thread: (messageId) => request('GET', `/api/messages/${encode(messageId)}/thread`),
  approval: (id) => request('GET', `/api/approvals/${encode(id)}`),
  /** The requests of a flow group, oldest first: the first request's and those gathered into its card. */
  /** A page of approvals (`status`, `offset`, `limit`: docs/protocol.md), newest first. */
  approvals: (params) => request('GET', `/api/approvals?${new URLSearchParams(params)}`),
  approvalGroup: (id) => request('GET', `/api/approvals?group=${encode(id)}`),
  preferences: () => request('GET', '/api/me/preferences'),
  savePreferences: (preferences) => request('PUT', '/api/me/preferences', preferences),
  pushKey: () => request('GET', '/api/push/key'),
  subscribePush: (subscription) => request('POST', '/api/push/subscriptions', subscription),
  unsubscribePush: (endpoint) => request('DELETE', '/api/push/subscriptions', { endpoint }),

  /** Uploads one file; {@code onProgress} gets a fraction 0..1 (XHR, since fetch has no upload progress). */
  upload(file, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/uploads');
      xhr.withCredentials = true;
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (event) => event.lengthComputable && onProgress?.(event.loaded / event.total);
      xhr.onload = () => {
        try {
          resolve(parse(xhr.status, xhr.getResponseHeader('Content-Type'), xhr.responseText));
        } catch (error) {
          reject(error);
        }
      };
      xhr.onerror = () => reject(new ApiError(0, 'unavailable', 'The upload could not reach the server'));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  },
};
