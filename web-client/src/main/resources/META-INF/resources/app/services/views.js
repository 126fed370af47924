// The views of the main pane besides a channel's conversation, each at #/v/<id> (routes.js):
// listed in the sidebar in this order, `admin` ones for admins only. main-view.js renders them.

export const VIEWS = [
  { id: 'inbox', label: 'Approvals inbox', icon: '✅' },
  { id: 'projects', label: 'Projects', icon: '🗂️' },
  { id: 'sprint', label: 'Sprint board', icon: '🏃' },
  { id: 'agents', label: 'Agents', icon: '🤖' },
  { id: 'settings', label: 'Settings', icon: '⚙️' },
  { id: 'admin', label: 'Administration', icon: '🛠️', admin: true },
];

/** The views `user` may open. */
export function viewsFor(user) {
  return VIEWS.filter((view) => !view.admin || user?.roles?.includes('admin'));
}

/** The view named `id` that `user` may open, or null. */
export function viewFor(user, id) {
  return viewsFor(user).find((view) => view.id === id) ?? null;
}
