package dev.workflowchat.chat.command;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.chat.service.PresenceService;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.AgentPresence;
import dev.workflowchat.protocol.model.Agents;
import dev.workflowchat.protocol.model.CommandCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Slash commands typed in the composer. The reply goes only to the person who ran it, as a
 * {@code command.result}; a command is never stored as a message.
 */
@ApplicationScoped
public class CommandService {

    static final List<String> AVAILABLE = CommandCatalog.ALL.stream().filter(command -> !command.workflow())
            .map(CommandCatalog.Command::name).toList();
    public static final String NOT_ANSWERING = "The workflow service is not answering; nothing was changed.";
    public static final String NO_ANSWER_YET = "The workflow service took the command but has not answered within 5 s; "
            + "it may still take effect. The workflow panel shows the present state.";

    private static final long PARALLEL_EXPIRY_S = 1800;

    private final ApprovalService approvals;
    private final WorkflowCommands workflow;
    private final ProjectBindings bindings;
    private final PresenceService presence;
    private final TaskService tasks;
    private final ChatMetrics metrics;
    private final ApprovalCommands approvalCommands;
    private final BridgeStatus bridgeStatus;

    public CommandService(ApprovalService approvals, WorkflowCommands workflow, ProjectBindings bindings,
                          PresenceService presence, TaskService tasks, ChatMetrics metrics,
                          ApprovalCommands approvalCommands, BridgeStatus bridgeStatus) {
        this.bridgeStatus = bridgeStatus;
        this.approvals = approvals;
        this.workflow = workflow;
        this.bindings = bindings;
        this.presence = presence;
        this.tasks = tasks;
        this.metrics = metrics;
        this.approvalCommands = approvalCommands;
    }

    public Uni<ServerFrame.CommandResult> run(ChatUser user, String ref, String text, String channel) {
        CommandLine command = CommandLine.parse(text.strip());
        if (CommandLine.leavesQuoteOpen(text)) {
            // "/epic "Build login" would otherwise run with everything after the quote as one word
            return Uni.createFrom().item(result(ref, false, "A quote is left open; nothing was run.",
                    "Close the quote, or leave it out: " + command.name() + " \"<text>\""));
        }
        long started = System.nanoTime();
        return dispatch(user, ref, command, channel)
                .invoke(result -> metrics.command(command.name(), result.ok(), Duration.ofNanos(System.nanoTime() - started)));
    }

    private Uni<ServerFrame.CommandResult> dispatch(ChatUser user, String ref, CommandLine command, String channel) {
        return switch (command.name()) {
            case "/help" -> Uni.createFrom().item(help(ref, command.args()));
            case "/assign" -> assign(user, ref, command.args(), channel);
            case "/parallel" -> parallel(user, ref, command.args());
            case "/status" -> command.args().equals(List.of("all"))
                    ? workflow.forward(user, ref, new CommandLine("/projects", List.of(), command.raw()), channel)
                    : status(ref);
            default -> ApprovalCommands.handles(command) ? approvalCommands.run(user, ref, command, channel)
                    : ProjectBindings.handles(command) ? bindings.run(user, ref, command, channel)
                    : workflow.forward(user, ref, command, channel);
        };
    }

    private static ServerFrame.CommandResult help(String ref, List<String> args) {
        if (args.isEmpty()) {
            return result(ref, true, CommandTexts.help(), null);
        }
        return CommandCatalog.find(args.get(0))
                .map(command -> result(ref, true, CommandTexts.help(command), null))
                .orElseGet(() -> result(ref, false, "No command " + args.get(0) + ".", "Type /help to see them all."));
    }

    private Uni<ServerFrame.CommandResult> status(String ref) {
        return Uni.combine().all().unis(presence.all(), bridgeStatus.lines()).asTuple().map(both -> {
            List<AgentPresence> agents = both.getItem1();
            StringBuilder text = new StringBuilder(agents.isEmpty() ? "No agent has reported yet.\n" : "**Agents**\n");
            for (AgentPresence agent : agents) {
                text.append("- ").append(Agents.emoji(agent.agent())).append(" **").append(agent.agent()).append("** ")
                        .append(agent.status());
                if (agent.task() != null && !agent.task().isBlank()) {
                    text.append(" · ").append(agent.task());
                }
                text.append('\n');
            }
            // a channel the bridge cannot relay is news for whoever asks how things stand
            both.getItem2().forEach(line -> text.append(line).append('\n'));
            return result(ref, true, text.toString().strip(), null);
        });
    }

    private Uni<ServerFrame.CommandResult> assign(ChatUser user, String ref, List<String> args, String channel) {
        if (args.size() < 2 || !ChannelNames.isValidAgent(args.get(0))) {
            return Uni.createFrom().item(result(ref, false, "Name the agent and the task.", "/assign <agent> \"<task>\""));
        }
        String agent = args.get(0);
        String task = String.join(" ", args.subList(1, args.size()));
        return tasks.assign(user, agent, task, channel)
                .map(ignored -> result(ref, true, "📋 Assigned to " + Agents.emoji(agent) + " " + agent + ": " + task, null));
    }

    private Uni<ServerFrame.CommandResult> parallel(ChatUser user, String ref, List<String> args) {
        if (args.size() < 2) {
            return Uni.createFrom().item(result(ref, false, "Name at least two tasks.",
                    "/parallel \"<task 1>\" \"<task 2>\" …"));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("tasks", args);
        payload.put("asked_by", user.username());
        InboundEvent.ApprovalRequest request = new InboundEvent.ApprovalRequest("parallel-" + UUID.randomUUID(),
                "agent:orchestrator", "parallel_execution", "Run " + args.size() + " tasks in parallel", payload,
                "workflow", PARALLEL_EXPIRY_S);
        return approvals.request(request)
                .map(asked -> result(ref, true, "⚡ Asked to run " + args.size() + " tasks in parallel: approval `"
                        + asked.made().approvalId() + "` in #workflow", null));
    }

    private static ServerFrame.CommandResult result(String ref, boolean ok, String message, String hint) {
        return new ServerFrame.CommandResult(ref, ok, message, hint, null, AVAILABLE);
    }
}
