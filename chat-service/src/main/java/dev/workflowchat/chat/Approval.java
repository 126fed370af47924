package dev.workflowchat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
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

    /** How many distinct approvers must approve (1–5). */
    @Column(name = "required_approvals")
    public int requiredApprovals = 1;

    /**
     * The approvals given so far toward the quorum, as {@code {"votes": [...]}} (Hibernate Reactive
     * binds JSON objects, not arrays); changed only under the row's lock. See {@link #votes()}.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "votes")
    public Map<String, Object> votesDocument;

    /** What silence does at {@code expiresAt}: reject (status expired) or approve. */
    @Column(name = "on_expiry")
    public String onExpiry = "reject";

    /** Who hears at three quarters of the lifetime: a username or role:admin. */
    @Column(name = "escalate_to")
    public String escalateTo = "role:admin";

    @Column(name = "reminded_at")
    public Instant remindedAt;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    /** The project's mode when it was asked. */
    public String mode;

    /** The standing rule that decided it ({@code R<n>}). */
    @Column(name = "rule_id")
    public String ruleId;

    /** Flow mode: the id of the first request of its group (whose message is the group's card). */
    @Column(name = "group_id")
    public String groupId;

    /** The votes so far, oldest first: {@code by}, {@code at}, {@code comment}, {@code modifications}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> votes() {
        return votesDocument == null ? List.of() : (List<Map<String, Object>>) votesDocument.getOrDefault("votes", List.of());
    }

    public void votes(List<Map<String, Object>> votes) {
        votesDocument = Map.of("votes", List.copyOf(votes));
    }

    public boolean isPending() {
        return PENDING.equals(status);
    }
}
