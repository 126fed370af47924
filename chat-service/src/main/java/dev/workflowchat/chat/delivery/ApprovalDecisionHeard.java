package dev.workflowchat.chat.delivery;

import dev.workflowchat.protocol.model.ApprovalView;

/**
 * An {@code approval.decided} this replica heard on {@code wfchat:out}, whichever replica decided it:
 * fired (CDI) for in-process waiters such as an MCP tool waiting for its decision.
 */
public record ApprovalDecisionHeard(ApprovalView approval) {
}
