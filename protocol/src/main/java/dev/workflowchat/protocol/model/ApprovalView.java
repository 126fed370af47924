package dev.workflowchat.protocol.model;

import java.time.Instant;
import java.util.Map;

/** An approval request and, once decided, its decision (protocol section 5). */
public record ApprovalView(
        String approvalId,
        String requestType,
        String title,
        Map<String, Object> payload,
        String status,
        String requestedBy,
        Instant requestedAt,
        Instant expiresAt,
        String decidedBy,
        Instant decidedAt,
        String comment,
        Map<String, Object> modifications,
        String messageId,
        String channel,
        String project,
        String risk,
        Map<String, Object> context) {

    /**
     * {@code project}: the workflow project the request belongs to, when the agent named one;
     * {@code risk}: low, medium, high or critical; {@code context}: what else the agent said of the
     * request (reason, command, diff, story_id, tdd_phase, links), null when nothing.
     */
    public ApprovalView(String approvalId, String requestType, String title, Map<String, Object> payload, String status,
                        String requestedBy, Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt,
                        String comment, Map<String, Object> modifications, String messageId, String channel) {
        this(approvalId, requestType, title, payload, status, requestedBy, requestedAt, expiresAt, decidedBy, decidedAt,
                comment, modifications, messageId, channel, null, "medium", null);
    }
}
