package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Channel;
import dev.workflowchat.chat.ChannelAccess;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.announce.DirectoryAnnouncements;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.repository.AgentRepository;
import dev.workflowchat.chat.repository.ChannelRepository;
import dev.workflowchat.chat.repository.ReadMarkerRepository;
import dev.workflowchat.chat.repository.UserRepository;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.NulCharacters;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.Agents;
import dev.workflowchat.protocol.model.ChannelView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Channels: listing with unread counts, creation by admins, private DM channels on first use,
 * and who may read and write where ({@link ChannelAccess}). Someone else's DM channel is
 * answered as if it did not exist.
 */
@ApplicationScoped
public class ChannelService {

    private static final int MAX_DESCRIPTION_CHARS = 500;
    private static final int MAX_TITLE_CHARS = 80;

    private final ChannelRepository channels;
    private final AgentRepository agents;
    private final UserRepository users;
    private final ReadMarkerRepository readMarkers;
    private final ChatConfig config;
    private final DirectoryAnnouncements directory;

    public ChannelService(ChannelRepository channels, AgentRepository agents, UserRepository users,
                          ReadMarkerRepository readMarkers, ChatConfig config, DirectoryAnnouncements directory) {
        this.directory = directory;
        this.readMarkers = readMarkers;
        this.channels = channels;
        this.agents = agents;
        this.users = users;
        this.config = config;
    }

    @WithSession
    public Uni<List<ChannelView>> channelsOf(ChatUser user) {
        return channels.viewsFor(user);
    }

    /** An admin creates a public channel; every open page lists it at once. */
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
        return Panache.withTransaction(() -> createIfMissing(name, text, Channel.PUBLIC, admin.username()))
                .map(created -> {
                    if (!created) {
                        throw ProtocolException.conflict("channel " + name + " already exists");
                    }
                    return new ChannelView(name, text, Channel.PUBLIC, 0, 0, 0);
                })
                .call(channel -> directory.channel(DirectoryAnnouncements.CREATED, channel));
    }

    /**
     * An admin gives a public channel a title (blank: none, the name shows) or a description;
     * a field left null stays as it is.
     */
    public Uni<ChannelView> update(ChatUser admin, String name, String title, String description) {
        if (!admin.isAdmin()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only admins change channels"));
        }
        if (title == null && description == null) {
            return Uni.createFrom().failure(ProtocolException.badRequest("give a title or a description to change"));
        }
        if (title != null && (title.strip().length() > MAX_TITLE_CHARS || NulCharacters.in(title))) {
            return Uni.createFrom().failure(ProtocolException.badRequest(
                    "title: at most " + MAX_TITLE_CHARS + " characters, no NUL"));
        }
        if (description != null && (description.strip().length() > MAX_DESCRIPTION_CHARS
                || NulCharacters.in(description))) {
            return Uni.createFrom().failure(ProtocolException.badRequest(
                    "description: at most " + MAX_DESCRIPTION_CHARS + " characters, no NUL"));
        }
        return Panache.withTransaction(() -> requirePublic(name).invoke(channel -> {
                    if (title != null) {
                        channel.title = title.isBlank() ? null : title.strip();
                    }
                    if (description != null) {
                        channel.description = description.strip();
                    }
                }))
                .map(ChannelService::publicView)
                .call(channel -> directory.channel(DirectoryAnnouncements.UPDATED, channel));
    }

    /**
     * An admin archives a public channel (listed to no one, no new messages, history kept) or opens
     * it again. A channel bound to a project is unbound first: its transitions are posted there.
     */
    public Uni<ChannelView> setArchived(ChatUser admin, String name, boolean archived) {
        if (!admin.isAdmin()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only admins archive channels"));
        }
        return Panache.withTransaction(() -> requirePublic(name).invoke(channel -> {
                    if (archived && channel.project != null) {
                        throw ProtocolException.conflict("#" + name + " is bound to project " + channel.project
                                + ": unbind it first (/project unbind in the channel)");
                    }
                    if (archived != channel.isArchived()) {
                        channel.archivedAt = archived ? Instant.now() : null;
                    }
                }))
                .map(ChannelService::publicView)
                .call(channel -> directory.channel(archived ? DirectoryAnnouncements.ARCHIVED
                        : DirectoryAnnouncements.UNARCHIVED, channel));
    }

    /** The archived public channels (admins: to open one again). */
    public Uni<List<ChannelView>> archived(ChatUser admin) {
        if (!admin.isAdmin()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only admins list archived channels"));
        }
        return Panache.withSession(channels::archived)
                .map(all -> all.stream().map(ChannelService::publicView).toList());
    }

    /** The person's read marker in the channel moves forward to {@code seq} (never back). */
    public Uni<Void> markRead(ChatUser user, String channel, long seq) {
        return Panache.withTransaction(() -> requireReadable(user, channel)
                .chain(readable -> readMarkers.advance(user.username(), readable.name, seq)));
    }

    /** The channel to read; must exist. Call within a session. */
    public Uni<Channel> requireExisting(String name) {
        if (!ChannelNames.isValidChannelOrDm(name)) {
            return Uni.createFrom().failure(ProtocolException.badRequest("invalid channel name"));
        }
        return channels.findById(name)
                .onItem().ifNull().failWith(() -> noChannel(name));
    }

    /** The channel to read, if this person may; someone else's DM is {@code not_found}. Call within a session. */
    public Uni<Channel> requireReadable(ChatUser user, String name) {
        if (ChannelNames.isValidChannelOrDm(name) && !ChannelAccess.mayRead(user, name)) {
            return Uni.createFrom().failure(noChannel(name));
        }
        return requireExisting(name);
    }

    /**
     * Where a person's message to {@code name} goes: a public channel as named; {@code dm:<agent>}
     * (or their own {@code dm:<agent>:<username>}) their private DM with that agent, made on first
     * use for an agent the chat knows. Call within a transaction.
     */
    public Uni<Channel> requireWritableByPerson(ChatUser person, String name) {
        if (!ChannelNames.isDm(name)) {
            return requireExisting(name).map(ChannelService::requireOpen);
        }
        var agent = ChannelNames.agentOfDm(name);
        var owner = ChannelNames.personOfDm(name);
        if (agent.isEmpty() || owner.isPresent() && !owner.get().equals(person.username())) {
            return Uni.createFrom().failure(ChannelNames.isValidChannelOrDm(name)
                    ? noChannel(name) : ProtocolException.badRequest("invalid channel name"));
        }
        String dm = ChannelNames.privateDm(agent.get(), person.username());
        return requireKnownAgent(agent.get())
                .chain(() -> openDm(dm, agent.get(), person.username(), person.username()));
    }

    /**
     * Where an agent may post: a public channel, or a DM channel of its own (a private one only
     * with a person who has an account). Call within a transaction.
     */
    public Uni<Channel> requireWritableByAgent(String agent, String name) {
        if (!ChannelNames.isDm(name)) {
            return requireExisting(name).map(ChannelService::requireOpen);
        }
        if (!ChannelNames.agentOfDm(name).map(agent::equals).orElse(false)) {
            return Uni.createFrom().failure(ProtocolException.forbidden(
                    "agent " + agent + " may write only to its own DM channels (dm:" + agent + ":<username>)"));
        }
        var person = ChannelNames.personOfDm(name);
        if (person.isEmpty()) {
            return openDm(name, agent, null, "agent:" + agent);
        }
        return users.findById(person.get())
                .onItem().ifNull().failWith(() -> ProtocolException.notFound("no user " + person.get()))
                .chain(user -> openDm(name, agent, person.get(), "agent:" + agent));
    }

    /** Where a webhook may post: an open public channel only (a DM is someone's own). Call within a transaction. */
    public Uni<Channel> requireWritableByHook(String name) {
        if (ChannelNames.isDm(name)) {
            return Uni.createFrom().failure(ProtocolException.badRequest("a hook posts in a public channel, not a DM"));
        }
        return requireExisting(name).map(ChannelService::requireOpen);
    }

    private Uni<Void> requireKnownAgent(String agent) {
        if (Agents.KNOWN.containsKey(agent)) {
            return Uni.createFrom().voidItem();
        }
        return agents.knownAmong(Set.of(agent)).invoke(known -> {
            if (known.isEmpty()) {
                throw ProtocolException.notFound("no agent " + agent);
            }
        }).replaceWithVoid();
    }

    private Uni<Channel> openDm(String name, String agent, String person, String creator) {
        String description = person == null ? "Direct messages with " + agent + " (shared, from before DMs were private)"
                : "Direct messages between " + person + " and " + agent;
        return channels.findById(name)
                .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : createIfMissing(name, description, Channel.DM, creator).chain(ignored -> requireExisting(name)));
    }

    /**
     * Creates a channel unless it exists, counting against its creator's limit of channels a
     * minute: a burst of new channels would grow every person's channel list.
     */
    private Uni<Boolean> createIfMissing(String name, String description, String kind, String creator) {
        return channels.createdInTheLastMinuteBy(creator).chain(recent -> {
            if (recent >= config.channels().createdPerMinute()) {
                throw ProtocolException.rateLimited("too many new channels; at most "
                        + config.channels().createdPerMinute() + " a minute");
            }
            return channels.createIfMissing(name, description, kind, creator);
        });
    }

    /** A public channel, archived or not; DMs are no admin's to change. Call within a session. */
    private Uni<Channel> requirePublic(String name) {
        if (!ChannelNames.isValidChannelOrDm(name)) {
            return Uni.createFrom().failure(ProtocolException.badRequest("invalid channel name"));
        }
        if (ChannelNames.isDm(name)) {
            return Uni.createFrom().failure(ProtocolException.badRequest("a DM channel has no title and is not archived"));
        }
        return channels.findById(name).onItem().ifNull().failWith(() -> noChannel(name));
    }

    /** New messages go only to a channel that is not archived. */
    private static Channel requireOpen(Channel channel) {
        if (channel.isArchived()) {
            throw ProtocolException.conflict("#" + channel.name + " is archived; it takes no new messages");
        }
        return channel;
    }

    private static ChannelView publicView(Channel channel) {
        return new ChannelView(channel.name, channel.description, channel.kind, 0, 0, 0, channel.project, channel.title);
    }

    private static ProtocolException noChannel(String name) {
        return ProtocolException.notFound("no channel " + name);
    }
}
