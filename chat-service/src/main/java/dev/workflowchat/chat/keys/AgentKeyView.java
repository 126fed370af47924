package dev.workflowchat.chat.keys;

import java.time.Instant;

/** An agent key on the wire: never its secret. */
public record AgentKeyView(String id, String agent, String prefix, String label, String project, String status,
                           String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedBy,
                           Instant lastUsedAt) {

    static AgentKeyView of(AgentKey key, Instant now) {
        return new AgentKeyView(key.id(), key.agent(), key.prefix(), key.label(), key.project(), key.statusAt(now),
                key.createdBy(), key.createdAt(), key.expiresAt(), key.revokedAt(), key.revokedBy(), key.lastUsedAt());
    }
}
