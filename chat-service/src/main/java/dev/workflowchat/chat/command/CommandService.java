package dev.workflowchat.chat.command;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.approval.Decision;
import dev.workflowchat.chat.messaging.ChangeEvents;
import dev.workflowchat.chat.messaging.RedisEvents;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.ApprovalView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.List;

/**
 * Slash commands typed in the composer. The reply goes only to the person who ran it, as a
 * {@code command.result}; a command is never stored as a message.
 */
@ApplicationScoped
public class CommandService {

    static final List<String> AVAILABLE = List.of("/approve", "/reject");
    static final String NOT_ANSWERING = "The workflow service is not answering; nothing was changed.";
    static final String DEFAULT_PROJECT = "default";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    private final ApprovalService approvals;
    private final CommandResults results;
    private final RedisEvents events;

    public CommandService(ApprovalService approvals, CommandResults results, RedisEvents events) {
        this.approvals = approvals;
        this.results = results;
        this.events = events;
    }

    public Uni<ServerFrame.CommandResult> run(ChatUser user, String ref, String text, String channel) {
        CommandLine command = CommandLine.parse(text.strip());
        return switch (command.name()) {
            case "/approve" -> command.args().isEmpty() ? listPending(ref) : approveAll(user, ref, command.args());
            case "/reject" -> reject(user, ref, command.args());
            default -> workflow(user, ref, command, channel);
        };
    }

    /** Everything else is the workflow's: the state-broadcaster answers within 5 s, or we say it did not. */
    private Uni<ServerFrame.CommandResult> workflow(ChatUser user, String ref, CommandLine command, String channel) {
        String correlation = "c-" + UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("correlation_id", correlation);
        data.put("command", command.name());
        data.put("args", command.args());
        data.put("raw", command.raw());
        data.put("user", user.username());
        data.put("channel", channel);
        data.put("project", DEFAULT_PROJECT);
        Uni<InboundEvent.CommandResult> answer = results.await(correlation, ANSWER_WITHIN);
        return events.publishToState(Envelope.create(EventTypes.COMMAND_INVOKE, ChangeEvents.SOURCE, null, data))
                .chain(() -> answer)
                .map(result -> new ServerFrame.CommandResult(ref, result.ok(), result.message(), result.hint(),
                        result.state(), result.allowedCommands()))
                .onFailure().recoverWithItem(failure -> result(ref, false, NOT_ANSWERING, null));
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
