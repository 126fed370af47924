package dev.workflowchat.chat.command;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.announce.ChangeEvents;
import dev.workflowchat.chat.announce.RedisEvents;
import dev.workflowchat.chat.approval.ApprovalRepository;
import dev.workflowchat.chat.repository.ChannelRepository;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The commands the state-broadcaster answers: sent as {@code command.invoke} for the project of
 * the channel they were typed in (its bound project, else the default one). The answer comes
 * within 5 s, or we say it did not, and, as far as we can know, whether the command might still
 * have taken effect: nobody received it (Redis away, or no state-broadcaster listening), or it
 * was received and the answer is late or lost.
 */
@ApplicationScoped
public class WorkflowCommands {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final List<String> MANAGING = List.of("create", "archive");

    private final CommandResults results;
    private final RedisEvents events;
    private final ChannelRepository channels;
    private final ApprovalRepository approvals;

    public WorkflowCommands(CommandResults results, RedisEvents events, ChannelRepository channels,
                            ApprovalRepository approvals) {
        this.results = results;
        this.events = events;
        this.channels = channels;
        this.approvals = approvals;
    }

    Uni<ServerFrame.CommandResult> forward(ChatUser user, String ref, CommandLine command, String channel) {
        if ("/project".equals(command.name()) && !command.args().isEmpty()
                && MANAGING.contains(command.args().get(0).toLowerCase(Locale.ROOT)) && !user.canDecideApprovals()) {
            return Uni.createFrom().item(result(ref, false, "Only admins and approvers create or archive projects.", null));
        }
        boolean overview = "/projects".equals(command.name());
        return Panache.withSession(() -> projectOf(channel)
                        .chain(project -> (overview ? approvals.pendingByProject() : Uni.createFrom().item(Map.<String, Long>of()))
                                .map(pending -> invoke(user, command, channel, project, pending))))
                .chain(data -> send(ref, data));
    }

    /** The project a command typed in {@code channel} acts on. Call within a session. */
    Uni<String> projectOf(String channel) {
        if (channel == null) {
            return Uni.createFrom().item(ChannelNames.DEFAULT_PROJECT);
        }
        return channels.findById(channel).map(found -> found == null || found.project == null ? ChannelNames.DEFAULT_PROJECT : found.project);
    }

    private static Map<String, Object> invoke(ChatUser user, CommandLine command, String channel, String project,
                                              Map<String, Long> pending) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("correlation_id", "c-" + UUID.randomUUID());
        data.put("command", command.name());
        data.put("args", command.args());
        data.put("raw", command.raw());
        data.put("user", user.username());
        data.put("channel", channel);
        data.put("project", project);
        if (!pending.isEmpty()) {
            data.put("pending_approvals", pending);
        }
        return data;
    }

    private Uni<ServerFrame.CommandResult> send(String ref, Map<String, Object> data) {
        String correlation = (String) data.get("correlation_id");
        Uni<InboundEvent.CommandResult> answer = results.await(correlation, ANSWER_WITHIN);
        return events.publishToState(Envelope.create(EventTypes.COMMAND_INVOKE, ChangeEvents.SOURCE, null, data))
                .onFailure().recoverWithItem(0L)
                .chain(receivers -> receivers == 0
                        ? Uni.createFrom().item(() -> {
                            results.forget(correlation);
                            return result(ref, false, CommandService.NOT_ANSWERING, null);
                        })
                        : answer.map(result -> new ServerFrame.CommandResult(ref, result.ok(), result.message(),
                                        result.hint(), result.state(), result.allowedCommands()))
                                .onFailure().recoverWithItem(failure -> result(ref, false, CommandService.NO_ANSWER_YET, null)));
    }

    private static ServerFrame.CommandResult result(String ref, boolean ok, String message, String hint) {
        return new ServerFrame.CommandResult(ref, ok, message, hint, null, CommandService.AVAILABLE);
    }
}
