package dev.workflowchat.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to one approval request, as the agent hears it: from a person, a standing rule, the
 * project's mode, the expiry, or the agent itself withdrawing it. {@code ruleId} and {@code mode}
 * may be null (a chat before rules and modes), {@code votes} is never null.
 */
public record Decision(String approvalId, Outcome outcome, String title, String decidedBy, String comment,
                       Map<String, Object> modifications, Instant decidedAt, String ruleId, String mode,
                       List<Vote> votes) {

    /** What became of the request; {@code MODIFIED} is an approval with changes to use instead of the payload. */
    public enum Outcome {
        APPROVED, MODIFIED, REJECTED, EXPIRED, CANCELLED
    }

    /**
     * Who decided. {@code EXPIRY}: nobody did in time (expired, or approved on expiry);
     * {@code AGENT}: the agent withdrew it; {@code UNKNOWN}: the event named no one.
     */
    public enum Decider {
        PERSON, RULE, POLICY, EXPIRY, AGENT, UNKNOWN
    }

    /** One approver's approval toward a quorum; {@code modified}: it came with modifications. */
    public record Vote(String by, Instant at, String comment, boolean modified) {
    }

    private static final String RULE_PREFIX = "rule:";
    private static final String POLICY_PREFIX = "policy:";
    private static final String SYSTEM = "system";

    public Decision {
        modifications = modifications == null ? null : Map.copyOf(modifications);
        votes = votes == null ? List.of() : List.copyOf(votes);
        if (ruleId == null && decidedBy != null && decidedBy.startsWith(RULE_PREFIX)) {
            ruleId = decidedBy.substring(RULE_PREFIX.length());
        }
        if (mode == null && decidedBy != null && decidedBy.startsWith(POLICY_PREFIX)) {
            mode = decidedBy.substring(POLICY_PREFIX.length());
        }
    }

    /** A decision as the chat announced it before rules, modes and quorums. */
    public Decision(String approvalId, Outcome outcome, String title, String decidedBy, String comment,
                    Map<String, Object> modifications, Instant decidedAt) {
        this(approvalId, outcome, title, decidedBy, comment, modifications, decidedAt, null, null, List.of());
    }

    /** True for a plain approval and for an approval with changes: the agent may go ahead. */
    public boolean mayProceed() {
        return outcome == Outcome.APPROVED || outcome == Outcome.MODIFIED;
    }

    /** Who decided, from {@code decided_by}: a username, {@code rule:<id>}, {@code policy:<mode>} or {@code system}. */
    public Decider decider() {
        if (outcome == Outcome.EXPIRED || SYSTEM.equals(decidedBy)) {
            return Decider.EXPIRY;
        }
        if (outcome == Outcome.CANCELLED) {
            return Decider.AGENT;
        }
        if (decidedBy == null || decidedBy.isBlank()) {
            return Decider.UNKNOWN;
        }
        if (decidedBy.startsWith(RULE_PREFIX)) {
            return Decider.RULE;
        }
        if (decidedBy.startsWith(POLICY_PREFIX)) {
            return Decider.POLICY;
        }
        return Decider.PERSON;
    }

    public boolean byPerson() {
        return decider() == Decider.PERSON;
    }

    /** A standing rule approved it at once; {@link #ruleId()} says which. */
    public boolean byRule() {
        return decider() == Decider.RULE;
    }

    /** The project's mode approved it at once (e.g. low risk in rapid mode); {@link #mode()} says which. */
    public boolean byPolicy() {
        return decider() == Decider.POLICY;
    }

    /** Nobody decided in time: expired, or approved on expiry ({@code on_expiry: approve}). */
    public boolean byExpiry() {
        return decider() == Decider.EXPIRY;
    }
}
