package dev.workflowchat.chat.command;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.repository.ChannelRepository;
import dev.workflowchat.chat.service.ProjectSnapshots;
import dev.workflowchat.chat.service.SystemMessages;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /project bind <name>} and {@code /project unbind}, typed in the channel to bind: an
 * admin or approver ties a public channel to one workflow project. Commands typed there then act
 * on that project, and its transitions are posted there. The change is posted in the channel as
 * a system message ({@code metadata.type} {@code project_bound}, {@code project}), so every client
 * learns it in order, and catches up on it like any message.
 */
@ApplicationScoped
public class ProjectBindings {

    static final String BOUND_TYPE = "project_bound";
    static final String USAGE = "/project bind <name> · /project unbind (in the channel)";

    private final ChannelRepository channels;
    private final SystemMessages messages;
    private final ProjectSnapshots snapshots;

    public ProjectBindings(ChannelRepository channels, SystemMessages messages, ProjectSnapshots snapshots) {
        this.channels = channels;
        this.messages = messages;
        this.snapshots = snapshots;
    }

    static boolean handles(CommandLine command) {
        return "/project".equals(command.name()) && !command.args().isEmpty()
                && List.of("bind", "unbind").contains(command.args().get(0).toLowerCase(java.util.Locale.ROOT));
    }

    Uni<ServerFrame.CommandResult> run(ChatUser user, String ref, CommandLine command, String channel) {
        boolean bind = "bind".equalsIgnoreCase(command.args().get(0));
        if (!user.canDecideApprovals()) {
            return refused(ref, "Only admins and approvers bind channels to projects.");
        }
        if (channel == null || !ChannelNames.isValidChannel(channel)) {
            return refused(ref, "A project is bound to a public channel; type this in the channel.");
        }
        if (bind && (command.args().size() != 2 || !ChannelNames.isValidProject(command.args().get(1)))) {
            return refused(ref, "Name the project: /project bind <name>");
        }
        if (!bind && command.args().size() != 1) {
            return refused(ref, "/project unbind takes nothing more.");
        }
        String project = bind ? command.args().get(1) : null;
        Uni<String> problem = bind ? snapshots.of(project).map(snapshot -> snapshot.isEmpty()
                ? "No project " + project + ". Create it with /project create " + project + "."
                : snapshot.get().path("archived").asBoolean() ? "Project " + project + " is archived." : null)
                : Uni.createFrom().nullItem();
        return problem.chain(why -> why != null ? refused(ref, why)
                : Panache.withTransaction(() -> channels.bind(channel, project))
                        .chain(changed -> changed == 0 ? refused(ref, "No channel " + channel + ".")
                                : announce(user, channel, project)
                                        .replaceWith(new ServerFrame.CommandResult(ref, true, bind
                                                ? "#" + channel + " is bound to project **" + project + "**."
                                                : "#" + channel + " is bound to no project (the default one).",
                                                null, null, CommandService.AVAILABLE))));
    }

    private Uni<Void> announce(ChatUser user, String channel, String project) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("type", BOUND_TYPE);
        metadata.put("project", project);
        String text = project == null
                ? user.username() + " unbound #" + channel + " from its project; commands here act on the default project."
                : user.username() + " bound #" + channel + " to project **" + project + "**; commands here act on it.";
        return messages.post(channel, text, metadata).replaceWithVoid();
    }

    private static Uni<ServerFrame.CommandResult> refused(String ref, String why) {
        return Uni.createFrom().item(new ServerFrame.CommandResult(ref, false, why, USAGE, null, CommandService.AVAILABLE));
    }
}
