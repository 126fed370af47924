package dev.workflowchat.chat.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.ApprovalRule;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.service.ProjectSnapshots;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Standing rules: made by approvers (an ask-list entry by admins), listed, revoked by whoever made
 * them or an admin. Revoking stops future matches only.
 */
@ApplicationScoped
public class ApprovalRules {

    private static final Pattern RULE_ID = Pattern.compile("[Rr]?(\\d{1,18})");
    private static final List<String> SPRINT_OVER = List.of("review", "closed");

    private final RuleRepository rules;
    private final ProjectSnapshots snapshots;

    public ApprovalRules(RuleRepository rules, ProjectSnapshots snapshots) {
        this.rules = rules;
        this.snapshots = snapshots;
    }

    /** A new rule (its own transaction). */
    public Uni<ApprovalRule> create(ChatUser user, RuleDraft draft) {
        return Panache.withTransaction(() -> createIn(user, draft, null));
    }

    /** A new rule inside the caller's transaction; {@code approvalId}: the card it was made from. */
    Uni<ApprovalRule> createIn(ChatUser user, RuleDraft draft, String approvalId) {
        if (!user.canDecideApprovals()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only approvers and admins make rules"));
        }
        if (ApprovalRule.ASK.equals(draft.kind()) && !user.isAdmin()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only admins change the ask-list"));
        }
        Uni<OptionalInt> sprint = ApprovalRule.UNTIL_SPRINT.equals(draft.until())
                ? runningSprint(draft.project()).invoke(found -> {
                    if (found.isEmpty()) {
                        throw ProtocolException.badRequest("no sprint is running in " + draft.project()
                                + ": make the rule until revoked, or start a sprint");
                    }
                })
                : Uni.createFrom().item(OptionalInt.empty());
        return sprint.chain(number -> {
            ApprovalRule rule = new ApprovalRule();
            rule.kind = draft.kind();
            rule.project = draft.project();
            rule.agent = draft.agent();
            rule.requestType = draft.requestType();
            rule.commandPrefix = draft.commandPrefix();
            rule.maxRisk = draft.maxRisk();
            rule.until = draft.until();
            rule.sprint = number.isPresent() ? number.getAsInt() : null;
            rule.pattern = draft.pattern();
            rule.createdBy = user.username();
            rule.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            rule.approvalId = approvalId;
            return rules.persist(rule);
        });
    }

    public Uni<List<ApprovalRule>> list(ChatUser user, String project, boolean withRevoked) {
        if (!user.canDecideApprovals()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only approvers and admins see the rules"));
        }
        return Panache.withSession(() -> rules.listed(project, withRevoked));
    }

    /** Revokes one: your own, or (an admin) anyone's; {@code not_found} for unknown or already revoked. */
    public Uni<ApprovalRule> revoke(ChatUser user, String ruleId) {
        Matcher id = RULE_ID.matcher(ruleId == null ? "" : ruleId.strip());
        if (!id.matches()) {
            return Uni.createFrom().failure(ProtocolException.notFound("no rule " + ruleId));
        }
        long number = Long.parseLong(id.group(1));
        return Panache.withTransaction(() -> rules.findById(number).chain(rule -> {
            if (rule == null || rule.revokedAt != null) {
                return Uni.createFrom().failure(ProtocolException.notFound("no rule R" + number + " in force"));
            }
            boolean own = user.username().equals(rule.createdBy);
            if (!user.canDecideApprovals() || (!own && !user.isAdmin())
                    || (ApprovalRule.ASK.equals(rule.kind) && !user.isAdmin())) {
                return Uni.createFrom().failure(ProtocolException.forbidden(
                        "only " + rule.createdBy + ", who made R" + number + ", or an admin may revoke it"));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return rules.revoke(number, user.username(), now).map(done -> {
                if (!done) {
                    throw ProtocolException.notFound("no rule R" + number + " in force");
                }
                rule.revokedBy = user.username();
                rule.revokedAt = now;
                return rule;
            });
        }));
    }

    /**
     * A project's rules in force, with the number of its running sprint (if one runs) as the
     * project's snapshot, already read by the caller, says. Call in a session.
     */
    Uni<InForce> inForce(String project, Optional<JsonNode> snapshot) {
        return rules.active(project).map(active -> new InForce(active, sprintOf(snapshot)));
    }

    private Uni<OptionalInt> runningSprint(String project) {
        return snapshots.of(project).onFailure().recoverWithItem(Optional.empty()).map(ApprovalRules::sprintOf);
    }

    private static OptionalInt sprintOf(Optional<JsonNode> snapshot) {
        JsonNode sprint = snapshot.map(found -> found.path("sprint")).orElse(null);
        if (sprint == null || !sprint.hasNonNull("number") || SPRINT_OVER.contains(sprint.path("status").asText())) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(sprint.path("number").asInt());
    }

    /** The rules of a project in force now, and its running sprint's number. */
    record InForce(List<ApprovalRule> rules, OptionalInt sprint) {
    }
}
