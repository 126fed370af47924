package dev.workflowchat.chat.command;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.approval.Decision;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.ApprovalView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Slash commands typed in the composer. The reply goes only to the person who ran it, as a
 * {@code command.result}; a command is never stored as a message.
 */
@ApplicationScoped
public class CommandService {

    static final List<String> AVAILABLE = List.of("/approve", "/reject");

    private final ApprovalService approvals;

    public CommandService(ApprovalService approvals) {
        this.approvals = approvals;
    }

    public Uni<ServerFrame.CommandResult> run(ChatUser user, String ref, String text) {
        CommandLine command = CommandLine.parse(text.strip());
        return switch (command.name()) {
            case "/approve" -> command.args().isEmpty() ? listPending(ref) : approveAll(user, ref, command.args());
            case "/reject" -> reject(user, ref, command.args());
            default -> Uni.createFrom().item(result(ref, false, "Unknown command: `" + command.name() + "`",
                    "Commands available here: " + String.join(", ", AVAILABLE)));
        };
    }

    private Uni<ServerFrame.CommandResult> listPending(String ref) {
        return approvals.list(Approval.PENDING).map(pending -> {
            if (pending.isEmpty()) {
                return result(ref, true, "No approvals are waiting.", null);
            }
            StringBuilder text = new StringBuilder("**Waiting for a decision:**\n");
            for (ApprovalView approval : pending) {
                text.append("- `").append(approval.approvalId()).append("` ").append(approval.title())
                        .append(" (").append(approval.requestType()).append(", from ").append(approval.requestedBy())
                        .append(")\n");
            }
            return result(ref, true, text.toString().strip(), "Decide with /approve <id> or /reject <id> \"reason\"");
        });
    }

    private Uni<ServerFrame.CommandResult> approveAll(ChatUser user, String ref, List<String> ids) {
        List<String> lines = new ArrayList<>();
        Uni<Boolean> allOk = Uni.createFrom().item(true);
        for (String id : ids) {
            allOk = allOk.chain(okSoFar -> approvals.decide(user, id, new Decision("approve", null, null))
                    .map(approved -> {
                        lines.add("✅ `" + id + "` approved");
                        return okSoFar;
                    })
                    .onFailure(ProtocolException.class).recoverWithItem(failure -> {
                        lines.add("⚠️ `" + id + "`: " + failure.getMessage());
                        return false;
                    }));
        }
        return allOk.map(ok -> result(ref, ok, String.join("\n", lines), null));
    }

    private Uni<ServerFrame.CommandResult> reject(ChatUser user, String ref, List<String> args) {
        if (args.size() < 2) {
            return Uni.createFrom().item(result(ref, false, "A rejection needs the approval and a reason.",
                    "/reject <id> \"reason\""));
        }
        String id = args.get(0);
        String reason = String.join(" ", args.subList(1, args.size()));
        return approvals.decide(user, id, new Decision("reject", reason, null))
                .map(rejected -> result(ref, true, "❌ `" + id + "` rejected", null))
                .onFailure(ProtocolException.class).recoverWithItem(failure ->
                        result(ref, false, "⚠️ `" + id + "`: " + failure.getMessage(), null));
    }

    private static ServerFrame.CommandResult result(String ref, boolean ok, String message, String hint) {
        return new ServerFrame.CommandResult(ref, ok, message, hint, null, AVAILABLE);
    }
}
