package dev.workflowchat.chat.service;

import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.protocol.model.MessageMetadata;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * An agent's message metadata as it is stored: without the keys only the chat service writes
 * ({@link MessageMetadata#RESERVED}), which mark an approval's own message. Left in, an agent's
 * message could pass for another agent's approval request (a card whose buttons decide that one).
 */
@ApplicationScoped
public class AgentMetadata {

    private final ChatMetrics metrics;

    public AgentMetadata(ChatMetrics metrics) {
        this.metrics = metrics;
    }

    public Map<String, Object> clean(String agent, Map<String, Object> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        Map<String, Object> kept = MessageMetadata.withoutReserved(metadata);
        if (kept != metadata) {
            metrics.metadataStripped("agent");
            Log.debugf("removed reserved metadata keys from a message of agent %s", agent);
        }
        return kept;
    }
}
