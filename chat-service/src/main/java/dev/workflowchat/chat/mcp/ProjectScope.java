package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.keys.AgentKey;
import dev.workflowchat.chat.repository.ChannelRepository;
import dev.workflowchat.chat.service.DuplicatedContexts;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A key made for one project acts on that project only: on its channels (a channel bound to
 * another project is refused; DMs and unbound channels belong to the default project) and on its
 * workflow. Refusals are {@code forbidden}, as a REST call out of its scope would be.
 */
@ApplicationScoped
public class ProjectScope {

    private final ChannelRepository channels;
    private final DuplicatedContexts contexts;

    public ProjectScope(ChannelRepository channels, DuplicatedContexts contexts) {
        this.channels = channels;
        this.contexts = contexts;
    }

    /** The project a tool acts on: the one asked for, else the key's, else the default; refused outside the key's. */
    static String projectFor(AgentKey key, String asked) {
        String project = asked != null && !asked.isBlank() ? asked : key.project() != null ? key.project()
                : ChannelNames.DEFAULT_PROJECT;
        if (!ChannelNames.isValidProject(project)) {
            throw ProtocolException.badRequest("project: not a project name");
        }
        requireAllowed(key, project);
        return project;
    }

    static void requireAllowed(AgentKey key, String project) {
        if (!key.allows(project)) {
            throw ProtocolException.forbidden("this key is for project " + key.project() + ", not " + project);
        }
    }

    /** Refuses a channel of another project than the key's; an unknown channel is left to the tool to refuse. */
    Uni<Void> requireChannel(AgentKey key, String channel) {
        if (key.project() == null || channel == null || ChannelNames.isDm(channel) || !ChannelNames.isValidChannel(channel)) {
            return Uni.createFrom().voidItem();
        }
        return contexts.run(() -> Panache.withSession(() -> channels.findById(channel)))
                .invoke(found -> {
                    if (found != null) {
                        requireAllowed(key, found.project == null ? ChannelNames.DEFAULT_PROJECT : found.project);
                    }
                })
                .replaceWithVoid();
    }
}
