package dev.workflowchat.protocol.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An approval request and, once decided, its decision (protocol section 5).
 *
 * <p>{@code project}: the workflow project the request belongs to, when the agent named one;
 * {@code risk}: low, medium, high or critical; {@code context}: what else the agent said of the
 * request (reason, command, diff, story_id, tdd_phase, links), null when nothing;
 * {@code requiredApprovals} and {@code votes}: the quorum and the approvals given toward it;
 * {@code onExpiry}, {@code escalateTo}, {@code remindedAt}, {@code escalatedAt}: what silence does;
 * {@code mode}: the project's mode when it was asked; {@code ruleId}: the standing rule that
 * decided it; {@code groupId}: the first request of its flow group; {@code explanation}: in
 * learning mode, what approving and rejecting do and why the type needs approval.
 */
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
        Map<String, Object> context,
        int requiredApprovals,
        List<Vote> votes,
        String onExpiry,
        String escalateTo,
        Instant remindedAt,
        Instant escalatedAt,
        String mode,
        String ruleId,
        String groupId,
        Map<String, String> explanation) {

    public ApprovalView {
        votes = votes == null ? List.of() : List.copyOf(votes);
    }

    /** A request as version 1 knew it: one approver, rejected by silence. */
    public ApprovalView(String approvalId, String requestType, String title, Map<String, Object> payload, String status,
                        String requestedBy, Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt,
                        String comment, Map<String, Object> modifications, String messageId, String channel) {
        this(approvalId, requestType, title, payload, status, requestedBy, requestedAt, expiresAt, decidedBy, decidedAt,
                comment, modifications, messageId, channel, null, "medium", null, 1, List.of(), "reject", "role:admin",
                null, null, null, null, null, null);
    }

    /** One approver's approval toward a quorum; {@code modified}: it came with modifications. */
    public record Vote(String by, Instant at, String comment, boolean modified) {
    }
}
