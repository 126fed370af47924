// Entry point: defines every component; <chat-app> in index.html takes it from there.
import { registerServiceWorker } from './services/offline-support.js';
import { watchAttention } from './state/attention.js';
import { followSignedInUser } from './services/theme.js';

registerServiceWorker(); // imports run first whatever the order: this only waits for the page's load
followSignedInUser();
import './components/login-view.js';
import './components/password-dialog.js';
import './components/channel-sidebar.js';
import './components/channel-header.js';
import './components/message-item.js';
import './components/message-list.js';
import './components/approval-payload.js';
import './components/risk-badge.js';
import './components/approval-context.js';
import './components/approval-remember.js';
import './components/approval-card.js';
import './components/approval-group.js';
import './components/approval-message.js';
import './components/chat-composer.js';
import './components/state-diagram.js';
import './components/side-panel.js';
import './components/thread-view.js';
import './components/search-results.js';
import './components/quick-switcher.js';
import './components/live-announcer.js';
import './components/connection-banner.js';
import './components/message-sheet.js';
import './components/appearance-settings.js';
import './components/settings-view.js';
import './components/profile-settings.js';
import './components/admin-view.js';
import './components/notification-settings.js';
import './components/mute-button.js';
import './components/projects-view.js';
import './components/story-drawer.js';
import './components/sprint-board.js';
import './components/agents-view.js';
import './components/approval-inbox.js';
import './components/main-view.js';
import './components/chat-app.js';

watchAttention(); // the tab's title and icon count what waits; desktop notifications
