package dev.workflowchat.chat.bridge;

import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.chat.service.MessageService;
import dev.workflowchat.chat.service.ReactionService;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reactions made in Discord ({@code bridge.reaction}): the reacting person is {@code discord:<user id>}, as a
 * Discord message's author is, so a web user's reaction and a Discord user's are never one. Once per envelope
 * id; published after the commit; the bridge skips {@code reaction.*} changes by {@code discord:} users, so
 * nothing comes back to Discord.
 */
@ApplicationScoped
public class BridgeReactions {

    /** Whose reactions these are in the chat: a Discord user, as their messages' {@code author_id}. */
    public static final String USER_PREFIX = "discord:";

    private final MessageRepository messages;
    private final ProcessedEvents processedEvents;
    private final ReactionService reactions;
    private final ChangePublisher publisher;

    public BridgeReactions(MessageRepository messages, ProcessedEvents processedEvents, ReactionService reactions,
                           ChangePublisher publisher) {
        this.messages = messages;
        this.processedEvents = processedEvents;
        this.reactions = reactions;
        this.publisher = publisher;
    }

    public Uni<BridgeService.Result> react(InboundEvent.BridgeReaction event) {
        if (!BridgeService.SOURCE.equals(event.source())) {
            return Uni.createFrom().failure(BridgeService.wrongSource(event, EventTypes.BRIDGE_REACTION));
        }
        return Panache.withTransaction(() -> processedEvents.claim(event.id(), EventTypes.BRIDGE_REACTION)
                        .chain(first -> first ? apply(event) : Uni.createFrom().item(Done.DUPLICATE)))
                .invoke(done -> {
                    // announced only once the transaction committed
                    if (done.change() != null) {
                        publisher.publish(done.change());
                    }
                })
                .map(Done::result);
    }

    private Uni<Done> apply(InboundEvent.BridgeReaction event) {
        return target(event).chain(message -> {
            if (message == null || message.isDeleted() || ChannelNames.isDm(message.channel)) {
                Log.debugf("event %s: no live public message to react to; nothing changes", event.id());
                return Uni.createFrom().item(Done.NOTHING);
            }
            return reactions.relayed(message, event.added(), event.reaction(), USER_PREFIX + event.userId())
                    .map(once -> once.isApplied() ? new Done(BridgeService.Result.APPLIED, once.made()) : Done.NOTHING);
        });
    }

    private Uni<Message> target(InboundEvent.BridgeReaction event) {
        return event.messageId() != null
                ? messages.findById(UUID.fromString(event.messageId()))
                : messages.findExternal(MessageService.SOURCE_DISCORD, event.externalId());
    }

    /** How the transaction ended, and the change to publish after it committed (if any). */
    private record Done(BridgeService.Result result, RecordedChange change) {

        static final Done DUPLICATE = new Done(BridgeService.Result.DUPLICATE, null);
        static final Done NOTHING = new Done(BridgeService.Result.NOTHING_TO_CHANGE, null);
    }
}
