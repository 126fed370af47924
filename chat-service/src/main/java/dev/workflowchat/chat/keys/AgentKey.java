package dev.workflowchat.chat.keys;

import java.time.Instant;

/**
 * An agent key as stored, without its secret: {@code prefix} tells it apart, {@code project} is
 * the one project it may act on (null: any).
 */
public record AgentKey(String id, String agent, String prefix, String label, String project, String createdBy,
                       Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

    public static final String ACTIVE = "active";
    public static final String EXPIRED = "expired";
    public static final String REVOKED = "revoked";

    /** {@code active}, {@code expired} or {@code revoked} at {@code now}. */
    public String statusAt(Instant now) {
        if (revokedAt != null) {
            return REVOKED;
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? EXPIRED : ACTIVE;
    }

    /** Whether this key may act on {@code target} (a project name; null: the default project). */
    public boolean allows(String target) {
        return project == null || project.equals(target);
    }

    /** The source of what the key's agent does: {@code agent:<name>}. */
    public String source() {
        return "agent:" + agent;
    }
}
