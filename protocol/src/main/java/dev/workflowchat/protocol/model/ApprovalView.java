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
        String project) {

    /** {@code project}: the workflow project the request belongs to, when the agent named one. */
    public ApprovalView(String approvalId, String requestType, String title, Map<String, Object> payload, String status,
                        String requestedBy, Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt,
                        String comment, Map<String, Object> modifications, String messageId, String channel) {
        this(approvalId, requestType, title, payload, status, requestedBy, requestedAt, expiresAt, decidedBy, decidedAt,
                comment, modifications, messageId, channel, null);
    }
}
