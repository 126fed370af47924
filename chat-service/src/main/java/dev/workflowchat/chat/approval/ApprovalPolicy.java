package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.ApprovalRule;
import dev.workflowchat.chat.service.ProjectSnapshots;
import dev.workflowchat.protocol.event.ApprovalContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What needs a person, in order: {@code critical} and quorum requests always wait; the project's
 * ask-list makes a request wait whatever else says; a standing rule that matches approves it;
 * else the project's mode (the state-broadcaster's, read from its snapshot when the request comes):
 * {@code rapid} approves {@code low} risk at once, {@code expert} everything but {@code high} and
 * {@code critical}; {@code strict}, {@code learning} and {@code flow} wait for a person.
 */
@ApplicationScoped
public class ApprovalPolicy {

    static final String STRICT = "strict";

    private final ProjectSnapshots snapshots;
    private final ApprovalRules rules;

    public ApprovalPolicy(ProjectSnapshots snapshots, ApprovalRules rules) {
        this.snapshots = snapshots;
        this.rules = rules;
    }

    /** How a request is judged as it comes (in its session): its project's mode and rules, from one read of its snapshot. */
    Uni<Gate> gateFor(Asked asked) {
        return snapshots.of(asked.project())
                .onFailure().recoverWithItem(Optional.empty())
                .chain(snapshot -> {
                    String mode = snapshot.map(found -> found.path("mode").asText(STRICT)).orElse(STRICT);
                    return rules.inForce(asked.project(), snapshot)
                            .map(inForce -> new Gate(mode, judge(mode, asked, inForce.rules(), inForce.sprint())));
                });
    }

    /** The whole table: mode × risk × rules and ask-list → empty (waits) or who decides at once. */
    static Optional<AutoDecision> judge(String mode, Asked asked, List<ApprovalRule> inForce, OptionalInt sprint) {
        if ("critical".equals(asked.risk()) || asked.requiredApprovals() > 1) {
            return Optional.empty();
        }
        String said = (asked.command() == null ? "" : asked.command() + "\n") + asked.title();
        boolean onAskList = inForce.stream().anyMatch(rule -> ApprovalRule.ASK.equals(rule.kind)
                && said.toLowerCase(Locale.ROOT).contains(rule.pattern.toLowerCase(Locale.ROOT)));
        if (onAskList) {
            return Optional.empty();
        }
        Optional<ApprovalRule> rule = inForce.stream().filter(found -> allows(found, asked, sprint)).findFirst();
        if (rule.isPresent()) {
            return Optional.of(new AutoDecision("rule:" + rule.get().ruleId(), "approved by standing rule "
                    + rule.get().ruleId() + " (" + rule.get().createdBy + ")", rule.get().ruleId()));
        }
        return decide(mode, asked.risk());
    }

    /** The table of modes and risks alone. */
    static Optional<AutoDecision> decide(String mode, String risk) {
        boolean lets = switch (mode) {
            case "rapid" -> "low".equals(risk);
            case "expert" -> "low".equals(risk) || "medium".equals(risk);
            default -> false;
        };
        return lets ? Optional.of(new AutoDecision("policy:" + mode, "auto-approved: " + risk + " risk, " + mode + " mode",
                null)) : Optional.empty();
    }

    private static boolean allows(ApprovalRule rule, Asked asked, OptionalInt sprint) {
        return ApprovalRule.ALLOW.equals(rule.kind)
                && rule.agent.equals(asked.agent())
                && rule.requestType.equals(asked.requestType())
                && (rule.commandPrefix == null || (asked.command() != null && asked.command().startsWith(rule.commandPrefix)))
                && ApprovalContext.RISKS.indexOf(asked.risk()) <= ApprovalContext.RISKS.indexOf(rule.maxRisk)
                && (!ApprovalRule.UNTIL_SPRINT.equals(rule.until)
                        || (sprint.isPresent() && rule.sprint != null && rule.sprint == sprint.getAsInt()));
    }

    /** What of a request the gate looks at. */
    record Asked(String project, String agent, String requestType, String title, String command, String risk,
                 int requiredApprovals) {
    }

    /** The mode the request was asked under, and the decision it takes at once, if any. */
    record Gate(String mode, Optional<AutoDecision> decision) {
    }

    /** Who decides ({@code policy:<mode>} or {@code rule:R<n>}), the line the card shows, and the rule. */
    record AutoDecision(String by, String comment, String ruleId) {
    }
}
