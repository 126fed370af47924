package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Attachment;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.mapping.AttachmentMapper;
import dev.workflowchat.chat.mapping.MessageExtras;
import dev.workflowchat.chat.mapping.MessageMapper;
import dev.workflowchat.chat.messaging.ChangeEvents;
import dev.workflowchat.chat.repository.AgentRepository;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.chat.repository.ReactionRepository;
import dev.workflowchat.chat.repository.ReadMarkerRepository;
import dev.workflowchat.chat.upload.UploadService;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.Agents;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What people, agents, the bridge and the system write. Each write checks, stores the change in
 * its own transaction and only after the commit publishes it: a publish inside the transaction
 * would announce a write that may still roll back. Reading is {@link MessageHistory}.
 */
@ApplicationScoped
public class MessageService {

    public static final String AUTHOR_USER = "user";
    public static final String AUTHOR_AGENT = "agent";
    public static final String AUTHOR_SYSTEM = "system";
    public static final String SOURCE_SYSTEM = "system";
    public static final String SOURCE_WEB = "web";
    public static final String SOURCE_AGENT = "agent";
    public static final String SOURCE_DISCORD = "discord";
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([a-z0-9][a-z0-9_-]{0,31})");

    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final ReadMarkerRepository readMarkers;
    private final ChannelService channels;
    private final ReadableMessages readable;
    private final ChangeRecorder recorder;
    private final ChangePublisher publisher;
    private final ProcessedEvents processedEvents;
    private final AgentRepository agentRepository;
    private final AgentMetadata agentMetadata;
    private final MessageViews views;
    private final UploadService uploads;

    public MessageService(MessageRepository messages, ReactionRepository reactions, ReadMarkerRepository readMarkers,
                          ChannelService channels, ReadableMessages readable, ChangeRecorder recorder,
                          ChangePublisher publisher, ProcessedEvents processedEvents, AgentRepository agentRepository,
                          AgentMetadata agentMetadata, MessageViews views, UploadService uploads) {
        this.messages = messages;
        this.reactions = reactions;
        this.readMarkers = readMarkers;
        this.channels = channels;
        this.readable = readable;
        this.recorder = recorder;
        this.publisher = publisher;
        this.processedEvents = processedEvents;
        this.agentRepository = agentRepository;
        this.agentMetadata = agentMetadata;
        this.views = views;
        this.uploads = uploads;
    }

    /** A person's message; {@code dm:<agent>} is their own private DM with that agent. */
    public Uni<MessageView> post(ChatUser author, ClientFrame.SendMessage send) {
        if (send.content().isBlank() && send.attachmentIds().isEmpty()) {
            return Uni.createFrom().failure(ProtocolException.badRequest("a message needs content"));
        }
        MessageDraft draft = MessageDraft.fromPerson(author, send);
        return commitThenPublish(() -> channels.requireWritableByPerson(author, send.channel())
                        .chain(channel -> storeWithAgents(draft.in(channel.name))))
                .map(MessageService::messageOf);
    }

    /**
     * A message an agent sent through Redis. Null when the event was applied before: its id is
     * claimed in the same transaction, so the effect happens once on any path and replica.
     */
    public Uni<MessageView> postAsAgent(InboundEvent.AgentMessage event) {
        MessageDraft draft = MessageDraft.fromAgent(event, agentMetadata.clean(event.agent(), event.metadata()));
        return Panache.withTransaction(() -> processedEvents.claim(event.id(), EventTypes.AGENT_MESSAGE)
                        .chain(first -> first
                                ? channels.requireWritableByAgent(event.agent(), event.channel()).chain(() -> store(draft))
                                : Uni.createFrom().<RecordedChange>nullItem()))
                .invoke(this::publishIfMade)
                .map(change -> change == null ? null : messageOf(change));
    }

    public Uni<MessageView> edit(ChatUser user, ClientFrame.EditMessage edit) {
        return commitThenPublish(() -> readable.requireLive(user, edit.messageId())
                .invoke(message -> requireMayChange(user, message, "edit"))
                .chain(message -> recordEdit(message, edit.content())))
                .map(change -> ((ServerFrame.MessageChanged) change.frame()).message());
    }

    public Uni<Void> delete(ChatUser user, ClientFrame.DeleteMessage delete) {
        return commitThenPublish(() -> readable.requireLive(user, delete.messageId())
                .invoke(message -> requireMayChange(user, message, "delete"))
                .chain(this::recordDelete))
                .replaceWithVoid();
    }

    /** Gives a live message new content and records the edit; call inside a transaction, publish after commit. */
    public Uni<RecordedChange> recordEdit(Message message, String content) {
        return recorder.nextSeq().chain(seq -> {
            message.content = content;
            message.editedAt = MessageDraft.now();
            return views.of(message)
                    .chain(view -> recorder.recordAndScrub(ServerFrame.MessageChanged.edited(seq, view), view));
        });
    }

    /** Soft-deletes a live message and records it; call inside a transaction, publish after commit. */
    public Uni<RecordedChange> recordDelete(Message message) {
        return recorder.nextSeq().chain(seq -> {
            message.deletedAt = MessageDraft.now();
            return views.of(message).chain(gone -> recorder.recordAndScrub(new ServerFrame.MessageDeleted(
                    seq, message.id.toString(), message.channel, message.deletedAt), gone));
        });
    }

    public Uni<Void> addReaction(ChatUser user, ClientFrame.AddReaction add) {
        return changeReaction(user, add.messageId(), true, add.reaction(),
                message -> reactions.distinctOf(message.id).chain(present -> {
                    if (!present.contains(add.reaction()) && present.size() >= Limits.MAX_DISTINCT_REACTIONS) {
                        throw ProtocolException.badRequest("a message may have at most "
                                + Limits.MAX_DISTINCT_REACTIONS + " different reactions");
                    }
                    return reactions.add(message.id, add.reaction(), user.username());
                }));
    }

    public Uni<Void> removeReaction(ChatUser user, ClientFrame.RemoveReaction remove) {
        return changeReaction(user, remove.messageId(), false, remove.reaction(),
                message -> reactions.remove(message.id, remove.reaction(), user.username()));
    }

    public Uni<Void> markRead(ChatUser user, ClientFrame.MarkRead read) {
        return Panache.withTransaction(() -> channels.requireReadable(user, read.channel())
                .chain(channel -> readMarkers.advance(user.username(), channel.name, read.seq())));
    }

    /**
     * Stores a message an agent authors on behalf of a feature (e.g. an approval request);
     * call inside the feature's transaction and publish the returned change after commit.
     */
    public Uni<RecordedChange> storeAgentMessage(String channel, String agent, String content,
                                                 Map<String, Object> metadata) {
        return channels.requireWritableByAgent(agent, channel)
                .chain(() -> store(MessageDraft.agentSays(channel, agent, content, metadata)));
    }

    /**
     * A person's message relayed from Discord, as a user message with source {@code discord}:
     * its files are uploads {@code uploader} (the bridge's account) made, attached as a person's
     * would be. Only to public channels. Call inside the feature's transaction and publish the
     * returned change after commit.
     */
    public Uni<RecordedChange> storeFromDiscord(InboundEvent.BridgeMessage event, UUID replyTo,
                                                Map<String, Object> metadata, String uploader) {
        if (ChannelNames.isDm(event.channel())) {
            return Uni.createFrom().failure(ProtocolException.badRequest("Discord messages go to public channels only"));
        }
        return channels.requireExisting(event.channel())
                .chain(() -> storeWithAgents(MessageDraft.fromDiscord(event, replyTo, metadata, uploader)));
    }

    /**
     * A message the system posts once for an event (e.g. a workflow transition), however many
     * replicas hear the event: the event id is claimed in the same transaction. Null when posted before.
     */
    public Uni<MessageView> postSystemMessageOnce(String eventId, String eventType, String channel, String content,
                                                  Map<String, Object> metadata) {
        return Panache.withTransaction(() -> processedEvents.claim(eventId, eventType)
                        .chain(first -> first ? storeFromSystem(channel, content, metadata)
                                : Uni.createFrom().<RecordedChange>nullItem()))
                .invoke(this::publishIfMade)
                .map(change -> change == null ? null : messageOf(change));
    }

    /**
     * A message the system posts in its own transaction, published after the commit; for a feature
     * that makes sure by other means that it posts once (e.g. the answer to a command typed in Discord).
     */
    public Uni<MessageView> postSystemMessage(String channel, String content, Map<String, Object> metadata) {
        return commitThenPublish(() -> storeFromSystem(channel, content, metadata)).map(MessageService::messageOf);
    }

    /**
     * Replaces a message's content and metadata as the system (e.g. an approval message showing
     * its decision); call inside the feature's transaction and publish the change after commit.
     */
    public Uni<RecordedChange> rewrite(UUID messageId, String content, Map<String, Object> metadata) {
        return messages.findById(messageId)
                .onItem().ifNull().failWith(() -> ProtocolException.notFound("no message " + messageId))
                .chain(message -> recorder.nextSeq().chain(seq -> {
                    message.content = content;
                    message.metadata = new HashMap<>(metadata);
                    message.editedAt = MessageDraft.now();
                    return views.of(message)
                            .chain(view -> recorder.recordAndScrub(ServerFrame.MessageChanged.edited(seq, view), view));
                }));
    }

    private Uni<RecordedChange> storeFromSystem(String channel, String content, Map<String, Object> metadata) {
        return channels.requireExisting(channel)
                .chain(() -> store(MessageDraft.fromSystem(channel, content, metadata)));
    }

    private Uni<Void> changeReaction(ChatUser user, String messageId, boolean added, String reaction,
                                     Function<Message, Uni<Boolean>> change) {
        return Panache.withTransaction(() -> readable.requireLive(user, messageId)
                        .chain(message -> change.apply(message).chain(changed -> changed
                                ? recordReactions(message, added, user.username(), reaction)
                                : Uni.createFrom().<RecordedChange>nullItem())))
                .invoke(this::publishIfMade)
                .replaceWithVoid();
    }

    private Uni<RecordedChange> recordReactions(Message message, boolean added, String userId, String reaction) {
        return recorder.nextSeq().chain(seq -> reactions.ofMessage(message.id)
                .chain(current -> {
                    var frame = new ServerFrame.ReactionUpdated(seq, message.id.toString(), message.channel, current);
                    return recorder.record(frame, ChangeEvents.reaction(frame, added, userId, reaction));
                }));
    }

    /** Stores a message and notes the agents it concerns (they get it as {@code agent.direct}). */
    private Uni<RecordedChange> storeWithAgents(MessageDraft draft) {
        return store(draft).chain(change -> concernedAgents(draft).map(change::withAgents));
    }

    /**
     * Stores a new message in a channel already found writable, with the uploads it carries, and
     * its change; call inside a transaction. Any check that fails rolls the whole message back, so
     * no message is stored half attached.
     */
    private Uni<RecordedChange> store(MessageDraft draft) {
        return threadRoot(draft.channel(), draft.threadId())
                .chain(threadId -> requireInChannel(draft.channel(), draft.replyTo()).replaceWith(threadId))
                .chain(threadId -> uploads.claim(draft.uploader(), draft.attachmentIds())
                        .chain(files -> recorder.nextSeq().chain(seq -> messages.persist(draft.toMessage(seq, threadId))
                                .chain(stored -> recordCreated(seq, stored, files)))));
    }

    /** A new message has no reactions or replies yet; its files are those just claimed. */
    private Uni<RecordedChange> recordCreated(long seq, Message stored, List<Attachment> files) {
        UploadService.attach(files, stored.id);
        MessageExtras extras = new MessageExtras(Map.of(), AttachmentMapper.toViews(files), 0);
        return recorder.record(ServerFrame.MessageChanged.created(seq, MessageMapper.toView(stored, extras)));
    }

    /** The agents a person's message is for: the agent of its DM channel, and agents it @mentions. */
    private Uni<Set<String>> concernedAgents(MessageDraft draft) {
        Set<String> agents = new HashSet<>();
        ChannelNames.agentOfDm(draft.channel()).ifPresent(agents::add);
        Set<String> mentioned = new HashSet<>();
        Matcher mention = MENTION.matcher(draft.content());
        while (mention.find()) {
            mentioned.add(mention.group(1));
        }
        mentioned.removeAll(agents);
        Set<String> known = new HashSet<>(mentioned);
        known.retainAll(Agents.KNOWN.keySet());
        mentioned.removeAll(known);
        agents.addAll(known);
        return agentRepository.knownAmong(mentioned).map(met -> {
            agents.addAll(met);
            return Set.copyOf(agents);
        });
    }

    private static MessageView messageOf(RecordedChange change) {
        return ((ServerFrame.MessageChanged) change.frame()).message();
    }

    private Uni<RecordedChange> commitThenPublish(Supplier<Uni<RecordedChange>> work) {
        return Panache.withTransaction(work).invoke(publisher::publish);
    }

    /** After the commit of a write that may have changed nothing (applied before): publish what it made. */
    private void publishIfMade(RecordedChange change) {
        if (change != null) {
            publisher.publish(change);
        }
    }

    /** A reply in a thread joins the thread of the message it names, so threads stay one level deep. */
    private Uni<UUID> threadRoot(String channel, String threadId) {
        if (threadId == null) {
            return Uni.createFrom().nullItem();
        }
        return requireInChannel(channel, threadId)
                .map(root -> root.threadId != null ? root.threadId : root.id);
    }

    private Uni<Message> requireInChannel(String channel, String messageId) {
        if (messageId == null) {
            return Uni.createFrom().nullItem();
        }
        return messages.findById(MessageDraft.parseId(messageId, "message id"))
                .invoke(message -> {
                    if (message == null || !message.channel.equals(channel)) {
                        throw ProtocolException.notFound("no message " + messageId + " in " + channel);
                    }
                });
    }

    private static void requireMayChange(ChatUser user, Message message, String action) {
        boolean own = AUTHOR_USER.equals(message.authorType) && user.username().equals(message.authorId);
        if (!own && !user.isAdmin()) {
            throw ProtocolException.forbidden("you may only " + action + " your own messages");
        }
    }
}
