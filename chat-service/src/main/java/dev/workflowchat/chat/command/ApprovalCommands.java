package dev.workflowchat.chat.command;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.ApprovalRule;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.approval.ApprovalRules;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.approval.Decision;
import dev.workflowchat.chat.approval.PersonDecisions;
import dev.workflowchat.chat.approval.RuleDraft;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.ApprovalView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code /approve}, {@code /reject} and {@code /rules}: approvals and standing rules from the composer. */
@ApplicationScoped
public class ApprovalCommands {

    private final ApprovalService approvals;
    private final PersonDecisions decisions;
    private final ApprovalRules rules;
    private final WorkflowCommands workflow;

    public ApprovalCommands(ApprovalService approvals, PersonDecisions decisions, ApprovalRules rules,
                            WorkflowCommands workflow) {
        this.approvals = approvals;
        this.decisions = decisions;
        this.rules = rules;
        this.workflow = workflow;
    }

    static boolean handles(CommandLine command) {
        return List.of("/approve", "/reject", "/rules").contains(command.name());
    }

    Uni<ServerFrame.CommandResult> run(ChatUser user, String ref, CommandLine command, String channel) {
        List<String> args = command.args();
        Uni<ServerFrame.CommandResult> result = switch (command.name()) {
            case "/approve" -> args.isEmpty() ? listPending(ref) : approveAll(user, ref, args);
            case "/reject" -> reject(user, ref, args);
            default -> rules(user, ref, args, channel);
        };
        return result.onFailure(ProtocolException.class)
                .recoverWithItem(failure -> result(ref, false, "⚠️ " + failure.getMessage(), null));
    }

    private Uni<String> projectOf(String channel) {
        return Panache.withSession(() -> workflow.projectOf(channel));
    }

    private static ServerFrame.CommandResult result(String ref, boolean ok, String message, String hint) {
        return new ServerFrame.CommandResult(ref, ok, message, hint, null, CommandService.AVAILABLE);
    }

    private Uni<ServerFrame.CommandResult> listPending(String ref) {
        return approvals.list(Approval.PENDING).map(pending -> {
            if (pending.isEmpty()) {
                return result(ref, true, "No approvals are waiting.", null);
            }
            StringBuilder text = new StringBuilder("**Waiting for a decision:**\n");
            for (ApprovalView approval : pending) {
                text.append("- `").append(approval.approvalId()).append("` ").append(approval.title())
                        .append(" (").append(approval.requestType()).append(", ").append(approval.risk())
                        .append(" risk, from ").append(approval.requestedBy())
                        .append(approval.requiredApprovals() > 1 ? ", " + approval.votes().size() + " of "
                                + approval.requiredApprovals() : "").append(")\n");
            }
            return result(ref, true, text.toString().strip(), "Decide with /approve <id> or /reject <id> \"reason\"");
        });
    }

    private Uni<ServerFrame.CommandResult> approveAll(ChatUser user, String ref, List<String> ids) {
        return decisions.decideMany(user, ids, new Decision("approve", null, null)).map(results -> {
            StringBuilder text = new StringBuilder();
            boolean ok = true;
            for (ServerFrame.ApprovalResult result : results) {
                switch (result.result()) {
                    case "decided" -> text.append("✅ `").append(result.approvalId()).append("` approved\n");
                    case "voted" -> text.append("🗳️ `").append(result.approvalId()).append("`: your approval counts, ")
                            .append(result.approval().votes().size()).append(" of ")
                            .append(result.approval().requiredApprovals()).append('\n');
                    default -> {
                        ok = false;
                        text.append("⚠️ `").append(result.approvalId()).append("`: ").append(result.message()).append('\n');
                    }
                }
            }
            return result(ref, ok, text.toString().strip(), null);
        });
    }

    private Uni<ServerFrame.CommandResult> reject(ChatUser user, String ref, List<String> args) {
        if (args.size() < 2) {
            return Uni.createFrom().item(result(ref, false, "A rejection needs the approval and a reason.",
                    "/reject <id> \"reason\""));
        }
        String id = args.get(0);
        String reason = String.join(" ", args.subList(1, args.size()));
        return decisions.decide(user, id, new Decision("reject", reason, null))
                .map(rejected -> result(ref, true, "❌ `" + id + "` rejected", null))
                .onFailure(ProtocolException.class).recoverWithItem(failure ->
                        result(ref, false, "⚠️ `" + id + "`: " + failure.getMessage(), null));
    }

    private Uni<ServerFrame.CommandResult> rules(ChatUser user, String ref, List<String> args, String channel) {
        String sub = args.isEmpty() ? "list" : args.get(0);
        return switch (sub) {
            case "list" -> projectOf(channel).chain(project -> rules.list(user, project, false))
                    .map(found -> result(ref, true, RuleTexts.list(found), null));
            case "revoke" -> args.size() != 2
                    ? Uni.createFrom().item(result(ref, false, "Name the rule to revoke.", "/rules revoke R3"))
                    : rules.revoke(user, args.get(1)).map(rule -> result(ref, true,
                            "🗑️ " + rule.ruleId() + " revoked: it decides nothing from now on (what it decided stays).", null));
            case "ask" -> args.size() < 2
                    ? Uni.createFrom().item(result(ref, false, "Say what always asks.", "/rules ask \"git push\""))
                    : projectOf(channel).chain(project -> rules.create(user, new RuleDraft(ApprovalRule.ASK, project,
                            null, null, null, null, null, String.join(" ", args.subList(1, args.size())))))
                    .map(rule -> result(ref, true, "🛑 " + rule.ruleId() + ": requests mentioning “"
                            + rule.pattern + "” always wait for a person in " + rule.project + ".", null));
            default -> Uni.createFrom().item(result(ref, false, "No /rules " + sub + ".",
                    "/rules [list] · /rules revoke <R1> · /rules ask \"<pattern>\""));
        };
    }
}
