package dev.workflowchat.agent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills in a request one part at a time, in any order; {@link #build} checks the whole, as the
 * chat would, and fails with the reason.
 */
public final class ApprovalRequestBuilder {

    private String id = ApprovalRequest.newId();
    private final String requestType;
    private final String title;
    private Map<String, ?> payload = Map.of();
    private String channel;
    private Duration expiresIn;
    private ApprovalRequest.Risk risk;
    private String reason;
    private String command;
    private String diff;
    private String storyId;
    private ApprovalRequest.TddPhase tddPhase;
    private List<String> links = List.of();
    private Integer requiredApprovals;
    private ApprovalRequest.OnExpiry onExpiry;
    private String escalateTo;

    ApprovalRequestBuilder(String requestType, String title) {
        this.requestType = requestType;
        this.title = title;
    }

    /** An id of your own instead of a fresh one, e.g. to ask again idempotently after a restart. */
    public ApprovalRequestBuilder id(String id) {
        this.id = id;
        return this;
    }

    public ApprovalRequestBuilder payload(Map<String, ?> payload) {
        this.payload = payload;
        return this;
    }

    /** A public channel; the chat's default is {@code workflow}. */
    public ApprovalRequestBuilder channel(String channel) {
        this.channel = channel;
        return this;
    }

    /** 10 seconds to 7 days; the chat's default is 30 minutes. */
    public ApprovalRequestBuilder expiresIn(Duration expiresIn) {
        this.expiresIn = expiresIn;
        return this;
    }

    public ApprovalRequestBuilder risk(ApprovalRequest.Risk risk) {
        this.risk = risk;
        return this;
    }

    /** Why the agent needs it, up to 2,000 characters of text. */
    public ApprovalRequestBuilder reason(String reason) {
        this.reason = reason;
        return this;
    }

    /** The one line the agent would run, e.g. {@code git push origin main}: standing rules and the ask-list match it. */
    public ApprovalRequestBuilder command(String command) {
        this.command = command;
        return this;
    }

    /** The unified diff it would apply, up to 200,000 characters. */
    public ApprovalRequestBuilder diff(String diff) {
        this.diff = diff;
        return this;
    }

    public ApprovalRequestBuilder story(String storyId, ApprovalRequest.TddPhase phase) {
        this.storyId = storyId;
        this.tddPhase = phase;
        return this;
    }

    /** Up to 10 http(s) addresses: the pull request, the CI run, the ticket. */
    public ApprovalRequestBuilder links(List<String> links) {
        this.links = links;
        return this;
    }

    /** How many different approvers must approve (1-5); more than one always waits for people. */
    public ApprovalRequestBuilder requiredApprovals(int requiredApprovals) {
        this.requiredApprovals = requiredApprovals;
        return this;
    }

    /** What silence means; {@code APPROVE} only for {@code LOW} risk. */
    public ApprovalRequestBuilder onExpiry(ApprovalRequest.OnExpiry onExpiry) {
        this.onExpiry = onExpiry;
        return this;
    }

    /** Who hears of it at three quarters of its life: a username, or {@code role:admin} (the default). */
    public ApprovalRequestBuilder escalateTo(String escalateTo) {
        this.escalateTo = escalateTo;
        return this;
    }

    public ApprovalRequest build() {
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null (use Map.of() for none)");
        }
        return new ApprovalRequest(id, requestType, title, new LinkedHashMap<>(payload), channel, expiresIn,
                new ApprovalRequest.Context(reason, command, diff, storyId, tddPhase, links),
                new ApprovalRequest.Terms(risk, requiredApprovals, onExpiry, escalateTo));
    }
}
