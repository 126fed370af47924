// What the signed-in chat shows: the channels, the conversation and its composer, the approval
// cards, the context panel, threads, search and the quick switcher. chat-app.js imports this as
// soon as the page asks whether it is signed in, and shows the chat once it is here.
import './password-dialog.js';
import './channel-sidebar.js';
import './channel-header.js';
import './message-item.js';
import './message-list.js';
import './approval-payload.js';
import './risk-badge.js';
import './approval-context.js';
import './approval-remember.js';
import './approval-card.js';
import './approval-group.js';
import './approval-message.js';
import './chat-composer.js';
import './state-diagram.js';
import './side-panel.js';
import './thread-view.js';
import './search-results.js';
import './quick-switcher.js';
import './live-announcer.js';
import './connection-banner.js';
import './message-sheet.js';
import './mute-button.js';
import './main-view.js';
