package dev.workflowchat.protocol.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ProtocolJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Every Redis payload (protocol section 1). {@code seq}, added to the contract, is the change
 * number of an outbound chat change, so replicas and agents can order and deduplicate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(int v, String id, String type, Instant ts, String source, Long seq, JsonNode data) {

    public static final int VERSION = 1;

    /** A new envelope with a fresh id and the current time. */
    public static Envelope create(String type, String source, Long seq, Object data) {
        // data already in JSON form is taken as it is (the caller hands it over), not copied
        JsonNode tree = data instanceof JsonNode node ? node : ProtocolJson.mapper().valueToTree(data);
        return new Envelope(VERSION, "e-" + UUID.randomUUID(), type, Instant.now().truncatedTo(ChronoUnit.MICROS),
                source, seq, tree == null ? ProtocolJson.mapper().createObjectNode() : tree);
    }

    public ObjectNode dataObject() {
        return (ObjectNode) data;
    }

    public String toJson() {
        try {
            return ProtocolJson.mapper().writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an envelope must serialise", e);
        }
    }
}
