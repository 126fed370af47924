package dev.workflowchat.chat.service;

import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** What the system says in the chat (workflow transitions, command answers) and how it rewrites its own messages. */
@ApplicationScoped
public class SystemMessages {

    private final ProcessedEvents processedEvents;
    private final ChannelService channels;
    private final MessageStore store;
    private final MessageRepository messages;
    private final ChangeRecorder recorder;
    private final MessageViews views;
    private final ChangePublisher publisher;

    public SystemMessages(ProcessedEvents processedEvents, ChannelService channels, MessageStore store,
                          MessageRepository messages, ChangeRecorder recorder, MessageViews views,
                          ChangePublisher publisher) {
        this.processedEvents = processedEvents;
        this.channels = channels;
        this.store = store;
        this.messages = messages;
        this.recorder = recorder;
        this.views = views;
        this.publisher = publisher;
    }

    /**
     * A message the system posts once for an event (e.g. a workflow transition), however many
     * replicas hear the event: the event id is claimed in the same transaction.
     */
    public Uni<Once<MessageView>> postOnce(String eventId, String eventType, String channel, String content,
                                          Map<String, Object> metadata) {
        return Panache.withTransaction(() -> processedEvents.claim(eventId, eventType)
                        .chain(first -> first ? storeIn(channel, content, metadata).map(Once::applied)
                                : Uni.createFrom().item(Once.<RecordedChange>appliedBefore())))
                .invoke(once -> {
                    if (once.isApplied()) {
                        publisher.publish(once.made());
                    }
                })
                .map(once -> once.isApplied() ? Once.applied(once.made().message()) : Once.appliedBefore());
    }

    /**
     * A message the system posts in its own transaction, published after the commit; for a feature
     * that makes sure by other means that it posts once (e.g. the answer to a command typed in Discord).
     */
    public Uni<MessageView> post(String channel, String content, Map<String, Object> metadata) {
        return Panache.withTransaction(() -> storeIn(channel, content, metadata))
                .invoke(publisher::publish)
                .map(RecordedChange::message);
    }

    /**
     * A message the system posts inside the caller's transaction (a feature that claims its work in
     * the same transaction, e.g. an approval's reminder); publish the returned change after commit.
     */
    public Uni<RecordedChange> store(String channel, String content, Map<String, Object> metadata) {
        return storeIn(channel, content, metadata);
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

    private Uni<RecordedChange> storeIn(String channel, String content, Map<String, Object> metadata) {
        return channels.requireExisting(channel).chain(() -> store.store(MessageDraft.fromSystem(channel, content, metadata)));
    }
}
