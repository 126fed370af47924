// The views of the main pane (#/v/<id>): settings, administration, the boards and the approvals
// inbox. Loaded when one is first shown, and at idle after the chat appears, so opening one is
// instant and the chat's first paint doesn't wait for them.
import './appearance-settings.js';
import './profile-settings.js';
import './notification-settings.js';
import './settings-view.js';
import './admin-view.js';
import './admin-agent-keys.js';
import './projects-view.js';
import './story-drawer.js';
import './sprint-board.js';
import './agents-view.js';
import './approval-inbox.js';
