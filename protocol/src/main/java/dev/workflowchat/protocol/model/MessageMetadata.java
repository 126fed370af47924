package dev.workflowchat.protocol.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys of a message's {@code metadata} that only the chat service writes: they mark an
 * approval's own message, and a client must be able to trust them. Agents and the Discord bridge
 * set metadata freely, so these keys are taken out of what they send.
 */
public final class MessageMetadata {

    public static final Set<String> RESERVED = Set.of("type", "approval_id", "status", "request_type");

    private MessageMetadata() {
    }

    /** The metadata without the reserved keys; the same map when it holds none. */
    public static Map<String, Object> withoutReserved(Map<String, Object> metadata) {
        if (metadata == null || metadata.keySet().stream().noneMatch(RESERVED::contains)) {
            return metadata;
        }
        Map<String, Object> kept = new HashMap<>(metadata);
        kept.keySet().removeAll(RESERVED);
        return kept;
    }
}
