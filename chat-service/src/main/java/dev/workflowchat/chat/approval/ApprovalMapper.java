package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.protocol.model.ApprovalView;

/** Approvals on the wire (protocol section 5). */
public final class ApprovalMapper {

    private ApprovalMapper() {
    }

    public static ApprovalView toView(Approval approval) {
        return new ApprovalView(approval.id, approval.requestType, approval.title, approval.payload, approval.status,
                approval.requestedBy, approval.requestedAt, approval.expiresAt, approval.decidedBy, approval.decidedAt,
                approval.comment, approval.modifications,
                approval.messageId == null ? null : approval.messageId.toString(), approval.channel, approval.project,
                approval.risk == null ? "medium" : approval.risk, approval.context);
    }
}
