package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.protocol.model.ApprovalView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Approvals on the wire (protocol section 5). */
public final class ApprovalMapper {

    static final String LEARNING = "learning";

    private ApprovalMapper() {
    }

    public static ApprovalView toView(Approval approval) {
        return new ApprovalView(approval.id, approval.requestType, approval.title, approval.payload, approval.status,
                approval.requestedBy, approval.requestedAt, approval.expiresAt, approval.decidedBy, approval.decidedAt,
                approval.comment, approval.modifications,
                approval.messageId == null ? null : approval.messageId.toString(), approval.channel, approval.project,
                approval.risk == null ? "medium" : approval.risk, approval.context, approval.requiredApprovals,
                votesOf(approval), approval.onExpiry, approval.escalateTo, approval.remindedAt, approval.escalatedAt,
                approval.mode, approval.ruleId, approval.groupId,
                LEARNING.equals(approval.mode) ? Explanations.of(approval.requestType) : null);
    }

    static List<ApprovalView.Vote> votesOf(Approval approval) {
        return approval.votes().stream().map(vote -> new ApprovalView.Vote((String) vote.get("by"),
                Instant.parse((String) vote.get("at")), (String) vote.get("comment"),
                vote.get("modifications") instanceof Map<?, ?>)).toList();
    }
}
