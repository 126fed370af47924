package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Attachment;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.mapping.AttachmentMapper;
import dev.workflowchat.chat.mapping.MessageExtras;
import dev.workflowchat.chat.mapping.MessageMapper;
import dev.workflowchat.chat.messaging.ChangeEvents;
import dev.workflowchat.chat.repository.AgentRepository;
import dev.workflowchat.chat.repository.ChangeLog;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.chat.repository.MessageRepository;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What people do with messages. Each write checks, stores the change in its own transaction and
 * only after the commit publishes it: a publish inside the transaction would announce a write
 * that may still roll back.
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
    private static final int MAX_SEARCH_RESULTS = 50;
    private static final int MAX_QUERY_CHARS = 500;

    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final ReadMarkerRepository readMarkers;
    private final ChangeLog changeLog;
    private final ChannelService channels;
    private final ChangeRecorder recorder;
    private final ChangePublisher publisher;
    private final ProcessedEvents processedEvents;
    private final AgentRepository agentRepository;
    private final MessageViews views;
    private final UploadService uploads;

    public MessageService(MessageRepository messages, ReactionRepository reactions, ReadMarkerRepository readMarkers,
                          ChangeLog changeLog, ChannelService channels, ChangeRecorder recorder,
                          ChangePublisher publisher, ProcessedEvents processedEvents, AgentRepository agentRepository,
                          MessageViews views, UploadService uploads) {
        this.messages = messages;
        this.reactions = reactions;
        this.readMarkers = readMarkers;
        this.changeLog = changeLog;
        this.channels = channels;
        this.recorder = recorder;
        this.publisher = publisher;
        this.processedEvents = processedEvents;
        this.agentRepository = agentRepository;
        this.views = views;
        this.uploads = uploads;
    }

    public Uni<MessageView> post(ChatUser author, ClientFrame.SendMessage send) {
        if (send.content().isBlank() && send.attachmentIds().isEmpty()) {
            return Uni.createFrom().failure(ProtocolException.badRequest("a message needs content"));
        }
        Draft draft = new Draft(send.channel(), AUTHOR_USER, author.username(), author.displayName(), send.content(),
                send.threadId(), send.replyTo(), Map.of(), SOURCE_WEB, send.attachmentIds(), null, author.username());
        return commitThenPublish(() -> store(draft)
                        .chain(change -> concernedAgents(draft).map(change::withAgents)))
                .map(MessageService::messageOf);
    }

    /**
     * A message an agent sent through Redis. Null when the event was applied before: its id is
     * claimed in the same transaction, so the effect happens once on any path and replica.
     */
    public Uni<MessageView> postAsAgent(InboundEvent.AgentMessage event) {
        Draft draft = new Draft(event.channel(), AUTHOR_AGENT, event.agent(), event.agent(), event.content(),
                event.threadId(), event.replyTo(), event.metadata() == null ? Map.of() : event.metadata(), SOURCE_AGENT,
                List.of(), null, event.agent());
        return Panache.withTransaction(() -> processedEvents.claim(event.id(), EventTypes.AGENT_MESSAGE)
                        .chain(first -> first ? store(draft) : Uni.createFrom().<RecordedChange>nullItem()))
                .invoke(change -> {
                    if (change != null) {
                        publisher.publish(change);
                    }
                })
                .map(change -> change == null ? null : messageOf(change));
    }

    public Uni<MessageView> edit(ChatUser user, ClientFrame.EditMessage edit) {
        return commitThenPublish(() -> requireLive(edit.messageId())
                .invoke(message -> requireMayChange(user, message, "edit"))
                .chain(message -> recordEdit(message, edit.content())))
                .map(change -> ((ServerFrame.MessageChanged) change.frame()).message());
    }

    public Uni<Void> delete(ChatUser user, ClientFrame.DeleteMessage delete) {
        return commitThenPublish(() -> requireLive(delete.messageId())
                .invoke(message -> requireMayChange(user, message, "delete"))
                .chain(this::recordDelete))
                .replaceWithVoid();
    }

    /** Gives a live message new content and records the edit; call inside a transaction, publish after commit. */
    public Uni<RecordedChange> recordEdit(Message message, String content) {
        return recorder.nextSeq().chain(seq -> {
            message.content = content;
            message.editedAt = now();
            return views.of(message).chain(view -> recorder.record(ServerFrame.MessageChanged.edited(seq, view)));
        });
    }

    /** Soft-deletes a live message and records it; call inside a transaction, publish after commit. */
    public Uni<RecordedChange> recordDelete(Message message) {
        return recorder.nextSeq().chain(seq -> {
            message.deletedAt = now();
            return recorder.record(new ServerFrame.MessageDeleted(
                    seq, message.id.toString(), message.channel, message.deletedAt));
        });
    }

    public Uni<Void> addReaction(ChatUser user, ClientFrame.AddReaction add) {
        return changeReaction(add.messageId(), true, user.username(), add.reaction(),
                message -> reactions.add(message.id, add.reaction(), user.username()));
    }

    public Uni<Void> removeReaction(ChatUser user, ClientFrame.RemoveReaction remove) {
        return changeReaction(remove.messageId(), false, user.username(), remove.reaction(),
                message -> reactions.remove(message.id, remove.reaction(), user.username()));
    }

    public Uni<HistoryPage> history(String channel, Long beforeSeq, int limit) {
        int pageSize = Math.max(1, Math.min(limit, Limits.MAX_HISTORY_LIMIT));
        long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
        return Panache.withSession(() -> channels.requireExisting(channel)
                .chain(ignored -> messages.pageBefore(channel, before, pageSize))
                .chain(newestFirst -> {
                    boolean hasMore = newestFirst.size() > pageSize;
                    List<Message> page = new ArrayList<>(newestFirst.subList(0, Math.min(pageSize, newestFirst.size())));
                    Collections.reverse(page);
                    return views.of(page).map(shown -> new HistoryPage(channel, shown, hasMore));
                }));
    }

    public Uni<List<MessageView>> search(String query, String channel) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            return Uni.createFrom().failure(ProtocolException.badRequest("q must not be empty"));
        }
        if (text.length() > MAX_QUERY_CHARS) {
            return Uni.createFrom().failure(ProtocolException.badRequest(
                    "q longer than " + MAX_QUERY_CHARS + " characters"));
        }
        return Panache.withSession(() -> (channel == null ? Uni.createFrom().voidItem()
                        : channels.requireExisting(channel).replaceWithVoid())
                .chain(ignored -> messages.search(text, channel, MAX_SEARCH_RESULTS))
                .chain(views::of));
    }

    /** The changes after {@code afterSeq}, at most {@code batch} of them. */
    public Uni<ResumeBatch> changesAfter(long afterSeq, int batch) {
        return Panache.withSession(() -> changeLog.after(afterSeq, batch + 1))
                .map(found -> {
                    boolean hasMore = found.size() > batch;
                    var changes = hasMore ? found.subList(0, batch) : found;
                    long lastSeq = changes.isEmpty() ? afterSeq : changes.get(changes.size() - 1).seq();
                    return new ResumeBatch(List.copyOf(changes), lastSeq, hasMore);
                });
    }

    public Uni<Long> lastSeq() {
        return Panache.withSession(changeLog::lastSeq);
    }

    public Uni<Void> markRead(ChatUser user, ClientFrame.MarkRead read) {
        return Panache.withTransaction(() -> channels.requireExisting(read.channel())
                .chain(channel -> readMarkers.advance(user.username(), channel.name, read.seq())));
    }

    /**
     * Stores a message an agent authors on behalf of a feature (e.g. an approval request);
     * call inside the feature's transaction and publish the returned change after commit.
     */
    public Uni<RecordedChange> storeAgentMessage(String channel, String agent, String content,
                                                 Map<String, Object> metadata) {
        return store(new Draft(channel, AUTHOR_AGENT, agent, agent, content, null, null, metadata, SOURCE_AGENT,
                List.of(), null, agent));
    }

    /**
     * A person's message relayed from Discord, as a user message with source {@code discord}:
     * its files are uploads {@code uploader} (the bridge's account) made, attached as a person's
     * would be. Call inside the feature's transaction and publish the returned change after commit.
     */
    public Uni<RecordedChange> storeFromDiscord(InboundEvent.BridgeMessage event, UUID replyTo,
                                                Map<String, Object> metadata, String uploader) {
        Draft draft = new Draft(event.channel(), AUTHOR_USER, "discord:" + event.authorId(), event.authorName(),
                event.content(), null, replyTo == null ? null : replyTo.toString(), metadata, SOURCE_DISCORD,
                event.attachmentIds(), event.externalId(), uploader);
        return store(draft).chain(change -> concernedAgents(draft).map(change::withAgents));
    }

    /**
     * A message the system posts once for an event (e.g. a workflow transition), however many
     * replicas hear the event: the event id is claimed in the same transaction. Null when posted before.
     */
    public Uni<MessageView> postSystemMessageOnce(String eventId, String eventType, String channel, String content,
                                                  Map<String, Object> metadata) {
        Draft draft = systemDraft(channel, content, metadata);
        return Panache.withTransaction(() -> processedEvents.claim(eventId, eventType)
                        .chain(first -> first ? store(draft) : Uni.createFrom().<RecordedChange>nullItem()))
                .invoke(change -> {
                    if (change != null) {
                        publisher.publish(change);
                    }
                })
                .map(change -> change == null ? null : messageOf(change));
    }

    /**
     * A message the system posts in its own transaction, published after the commit; for a feature
     * that makes sure by other means that it posts once (e.g. the answer to a command typed in Discord).
     */
    public Uni<MessageView> postSystemMessage(String channel, String content, Map<String, Object> metadata) {
        return commitThenPublish(() -> store(systemDraft(channel, content, metadata)))
                .map(MessageService::messageOf);
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
                    message.editedAt = now();
                    return views.of(message).chain(view -> recorder.record(ServerFrame.MessageChanged.edited(seq, view)));
                }));
    }

    private Uni<Void> changeReaction(String messageId, boolean added, String userId, String reaction,
                                     java.util.function.Function<Message, Uni<Boolean>> change) {
        return Panache.withTransaction(() -> requireLive(messageId)
                        .chain(message -> change.apply(message).chain(changed -> changed
                                ? recordReactions(message, added, userId, reaction)
                                : Uni.createFrom().<RecordedChange>nullItem())))
                .invoke(recorded -> {
                    if (recorded != null) {
                        publisher.publish(recorded);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<RecordedChange> recordReactions(Message message, boolean added, String userId, String reaction) {
        return recorder.nextSeq().chain(seq -> reactions.ofMessage(message.id)
                .chain(current -> {
                    var frame = new ServerFrame.ReactionUpdated(seq, message.id.toString(), message.channel, current);
                    return recorder.record(frame, ChangeEvents.reaction(frame, added, userId, reaction));
                }));
    }

    /**
     * Stores a new message, with the uploads it carries, and its change; call inside a transaction.
     * Any check that fails rolls the whole message back, so no message is stored half attached.
     */
    private Uni<RecordedChange> store(Draft draft) {
        return channels.requireWritable(draft.channel())
                .chain(channel -> threadRoot(draft.channel(), draft.threadId()))
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
    private Uni<Set<String>> concernedAgents(Draft draft) {
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

    private static Draft systemDraft(String channel, String content, Map<String, Object> metadata) {
        return new Draft(channel, AUTHOR_SYSTEM, "system", "Workflow", content, null, null, metadata, SOURCE_SYSTEM,
                List.of(), null, "system");
    }

    private static MessageView messageOf(RecordedChange change) {
        return ((ServerFrame.MessageChanged) change.frame()).message();
    }

    /**
     * A message about to be stored, whoever wrote it; {@code uploader} is the account whose uploads
     * it may carry (its author's, but for a relayed message the relay's).
     */
    private record Draft(String channel, String authorType, String authorId, String authorName, String content,
                         String threadId, String replyTo, Map<String, Object> metadata, String source,
                         List<String> attachmentIds, String externalId, String uploader) {

        Message toMessage(long seq, UUID threadRoot) {
            Message message = new Message();
            message.id = UUID.randomUUID();
            message.seq = seq;
            message.channel = channel;
            message.authorType = authorType;
            message.authorId = authorId;
            message.authorName = authorName;
            message.content = content;
            message.createdAt = now();
            message.threadId = threadRoot;
            message.replyTo = replyTo == null ? null : parseId(replyTo, "reply_to");
            message.metadata = new HashMap<>(metadata);
            message.source = source;
            message.externalId = externalId;
            return message;
        }
    }

    private Uni<RecordedChange> commitThenPublish(Supplier<Uni<RecordedChange>> work) {
        return Panache.withTransaction(work).invoke(publisher::publish);
    }

    private Uni<Message> requireLive(String messageId) {
        return messages.findById(parseId(messageId, "message_id"))
                .onItem().ifNull().failWith(() -> ProtocolException.notFound("no message " + messageId))
                .invoke(message -> {
                    if (message.isDeleted()) {
                        throw ProtocolException.notFound("message " + messageId + " was deleted");
                    }
                });
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
        return messages.findById(parseId(messageId, "message id"))
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

    private static UUID parseId(String id, String field) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProtocolException.badRequest(field + " is not a message id");
        }
    }

    /** PostgreSQL keeps microseconds; rounding here makes the sent value equal the stored one. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
