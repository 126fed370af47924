package dev.workflowchat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An agent's request for a human decision, and the decision with who, when and why. */
@Entity
@Table(name = "approvals")
public class Approval {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    public static final String EXPIRED = "expired";
    public static final String CANCELLED = "cancelled";

    /** The envelope id of the request: retries of the same request are the same approval. */
    @Id
    public String id;

    @Column(name = "request_type")
    public String requestType;

    public String title;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload;

    public String status;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public String comment;

    /** The changed payload of an approve-with-changes; the original stays in {@code payload}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> modifications;

    @Column(name = "message_id")
    public UUID messageId;

    public String channel;

    /** The workflow project the request belongs to; null: the default one. */
    public String project;

    /** low, medium, high or critical: what the project's mode decides by. */
    public String risk;

    /** What else the agent said of the request (reason, command, diff, story_id, tdd_phase, links); null: nothing. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> context;

    public boolean isPending() {
        return PENDING.equals(status);
    }
}
