package dev.workflowchat.chat.service;

import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** What agents say in the chat: their own messages from Redis, and the messages features write in their name. */
@ApplicationScoped
public class AgentMessages {

    private final ProcessedEvents processedEvents;
    private final ChannelService channels;
    private final MessageStore store;
    private final AgentMetadata metadata;
    private final ChangePublisher publisher;

    public AgentMessages(ProcessedEvents processedEvents, ChannelService channels, MessageStore store,
                         AgentMetadata metadata, ChangePublisher publisher) {
        this.processedEvents = processedEvents;
        this.channels = channels;
        this.store = store;
        this.metadata = metadata;
        this.publisher = publisher;
    }

    /**
     * A message an agent sent through Redis, once: its envelope id is claimed in the same
     * transaction, so the effect happens once on any path and replica.
     */
    public Uni<Once<MessageView>> post(InboundEvent.AgentMessage event) {
        MessageDraft draft = MessageDraft.fromAgent(event, metadata.clean(event.agent(), event.metadata()));
        return Panache.withTransaction(() -> processedEvents.claim(event.id(), EventTypes.AGENT_MESSAGE)
                        .chain(first -> first
                                ? channels.requireWritableByAgent(event.agent(), event.channel())
                                        .chain(() -> store.store(draft)).map(Once::applied)
                                : Uni.createFrom().item(Once.<RecordedChange>appliedBefore())))
                .invoke(once -> {
                    if (once.isApplied()) {
                        publisher.publish(once.made());
                    }
                })
                .map(once -> once.isApplied() ? Once.applied(once.made().message()) : Once.appliedBefore());
    }

    /**
     * Stores a message an agent authors on behalf of a feature (e.g. an approval request's own
     * message); call inside the feature's transaction and publish the returned change after commit.
     */
    public Uni<RecordedChange> storeOnBehalf(String channel, String agent, String content, Map<String, Object> metadata) {
        return channels.requireWritableByAgent(agent, channel)
                .chain(() -> store.store(MessageDraft.agentSays(channel, agent, content, metadata)));
    }
}
