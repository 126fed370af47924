package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Channel;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.repository.ChannelRepository;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.ChannelView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Channels: listing with unread counts, creation by admins, DM channels on first use. */
@ApplicationScoped
public class ChannelService {

    private static final int MAX_DESCRIPTION_CHARS = 500;

    private final ChannelRepository channels;

    public ChannelService(ChannelRepository channels) {
        this.channels = channels;
    }

    @WithSession
    public Uni<List<ChannelView>> channelsOf(ChatUser user) {
        return channels.viewsFor(user.username());
    }

    @WithTransaction
    public Uni<ChannelView> create(ChatUser admin, String name, String description) {
        if (!admin.isAdmin()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only admins create channels"));
        }
        if (!ChannelNames.isValidChannel(name)) {
            return Uni.createFrom().failure(ProtocolException.badRequest(
                    "a channel name is 1 to 64 lower-case letters, digits, '-' or '_'"));
        }
        String text = description == null ? "" : description.strip();
        if (text.length() > MAX_DESCRIPTION_CHARS) {
            return Uni.createFrom().failure(ProtocolException.badRequest(
                    "description longer than " + MAX_DESCRIPTION_CHARS + " characters"));
        }
        return channels.createIfMissing(name, text, Channel.PUBLIC, admin.username())
                .map(created -> {
                    if (!created) {
                        throw ProtocolException.conflict("channel " + name + " already exists");
                    }
                    return new ChannelView(name, text, Channel.PUBLIC, 0, 0, 0);
                });
    }

    /** The channel to read; must exist. Call within a session. */
    public Uni<Channel> requireExisting(String name) {
        if (!ChannelNames.isValidChannelOrDm(name)) {
            return Uni.createFrom().failure(ProtocolException.badRequest("invalid channel name"));
        }
        return channels.findById(name)
                .onItem().ifNull().failWith(() -> ProtocolException.notFound("no channel " + name));
    }

    /** The channel to post in: an agent's DM channel is made on first use. Call within a transaction. */
    public Uni<Channel> requireWritable(String name) {
        var agent = ChannelNames.agentOfDm(name);
        if (agent.isEmpty()) {
            return requireExisting(name);
        }
        return channels.createIfMissing(name, "Direct messages with " + agent.get(), Channel.DM, "system")
                .chain(ignored -> requireExisting(name));
    }
}
