package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.service.AgentMessages;
import dev.workflowchat.chat.service.SystemMessages;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An approval's chat message: posted in the requesting agent's name, then rewritten by the system
 * to show each outcome. Both run inside the approval's transaction; the caller publishes the change.
 */
@ApplicationScoped
public class ApprovalPosts {

    private final ApprovalMessages renderer;
    private final AgentMessages agentMessages;
    private final SystemMessages systemMessages;

    public ApprovalPosts(ApprovalMessages renderer, AgentMessages agentMessages, SystemMessages systemMessages) {
        this.renderer = renderer;
        this.agentMessages = agentMessages;
        this.systemMessages = systemMessages;
    }

    /** Posts the request's message and notes it on the approval. */
    Uni<RecordedChange> post(Approval approval) {
        return agentMessages.storeOnBehalf(approval.channel, approval.requestedBy, renderer.render(approval),
                        metadataOf(approval))
                .invoke(change -> approval.messageId = UUID.fromString(change.message().messageId()));
    }

    /** Shows the approval as it is now in its message. */
    Uni<RecordedChange> show(Approval approval) {
        return systemMessages.rewrite(approval.messageId, renderer.render(approval), metadataOf(approval));
    }

    private static Map<String, Object> metadataOf(Approval approval) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("type", "approval_request");
        metadata.put("approval_id", approval.id);
        metadata.put("request_type", approval.requestType);
        metadata.put("status", approval.status);
        return metadata;
    }
}
