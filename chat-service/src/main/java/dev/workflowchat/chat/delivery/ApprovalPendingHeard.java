package dev.workflowchat.chat.delivery;

import dev.workflowchat.protocol.model.ApprovalView;

/**
 * An {@code approval.requested} or {@code approval.updated} this replica heard on {@code wfchat:out},
 * whichever replica stored it: fired (CDI) so the expiry job can wake when the request falls due.
 */
public record ApprovalPendingHeard(ApprovalView approval) {
}
