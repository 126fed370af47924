package dev.workflowchat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A standing rule of a project: {@code allow} ("approve, and don't ask again" for an agent and a
 * request type, maybe only commands with a prefix, up to a risk, for a sprint or until revoked) or
 * {@code ask} (a pattern whose requests always wait). Revoked, never deleted.
 */
@Entity
@Table(name = "approval_rules")
public class ApprovalRule {

    public static final String ALLOW = "allow";
    public static final String ASK = "ask";
    public static final String UNTIL_SPRINT = "sprint";
    public static final String UNTIL_REVOKED = "revoked";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String kind;

    public String project;

    public String agent;

    @Column(name = "request_type")
    public String requestType;

    @Column(name = "command_prefix")
    public String commandPrefix;

    public String pattern;

    @Column(name = "max_risk")
    public String maxRisk;

    @Column(name = "until_kind")
    public String until = UNTIL_REVOKED;

    /** For {@code until: sprint}: the number of the sprint it was made in. */
    public Integer sprint;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The card it was made from, if any. */
    @Column(name = "approval_id")
    public String approvalId;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** How people and the API name it: {@code R<n>}. */
    public String ruleId() {
        return "R" + id;
    }
}
