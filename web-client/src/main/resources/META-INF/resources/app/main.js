// Entry point: the app's frame (<chat-app> in index.html) and its login view. What a signed-in
// page shows is loaded by chat-app.js (chat-layout.js, then the views at idle), so a first visit
// fetches a few modules, not the whole app, before the login form appears.
import { registerServiceWorker } from './services/offline-support.js';
import { watchAttention } from './state/attention.js';
import { followSignedInUser } from './services/theme.js';

registerServiceWorker(); // imports run first whatever the order: this only waits for the page's load
followSignedInUser();
import './components/login-view.js';
import './components/chat-app.js';

watchAttention(); // the tab's title and icon count what waits; desktop notifications
