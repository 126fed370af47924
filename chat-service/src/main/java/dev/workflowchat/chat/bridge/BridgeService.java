package dev.workflowchat.chat.bridge;

import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.chat.service.ChannelService;
import dev.workflowchat.chat.service.MessageService;
import dev.workflowchat.chat.service.MessageStore;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What people do in Discord, as the bridge relays it ({@code bridge.*} on {@code wfchat:in}).
 * A Discord message is stored once however it is relayed: each envelope id is claimed, and the
 * Discord id is locked and looked up, in the transaction that stores it; changes are published
 * after the commit.
 */
@ApplicationScoped
public class BridgeService {

    /** The only source that speaks for Discord. */
    public static final String SOURCE = "discord-bridge";

    /** How a relayed event ended. */
    public enum Result {
        APPLIED,
        /** Applied before: the same envelope id, or the same Discord message under another id. */
        DUPLICATE,
        /** Nothing to change: the message is unknown here, deleted, or already says that. */
        NOTHING_TO_CHANGE
    }

    private final MessageService messageService;
    private final ChannelService channels;
    private final MessageStore store;
    private final MessageRepository messages;
    private final ProcessedEvents processedEvents;
    private final ChangePublisher publisher;
    private final ChatConfig config;

    public BridgeService(MessageService messageService, ChannelService channels, MessageStore store,
                         MessageRepository messages, ProcessedEvents processedEvents, ChangePublisher publisher,
                         ChatConfig config) {
        this.messageService = messageService;
        this.channels = channels;
        this.store = store;
        this.messages = messages;
        this.processedEvents = processedEvents;
        this.publisher = publisher;
        this.config = config;
    }

    /** A person's message in a mapped Discord channel becomes a message in the web channel. */
    public Uni<Result> post(InboundEvent.BridgeMessage event) {
        return once(event, EventTypes.BRIDGE_MESSAGE, () -> lockedMessage(event.externalId())
                .chain(existing -> {
                    if (existing != null) {
                        Log.debugf("Discord message %s is stored already; event %s changes nothing",
                                event.externalId(), event.id());
                        return Uni.createFrom().item(Done.DUPLICATE);
                    }
                    return storeRelayed(event).map(Done::applied);
                }));
    }

    /** An edit in Discord edits the message it relayed; one the web never saw is left alone. */
    public Uni<Result> edit(InboundEvent.BridgeMessageEdited event) {
        return once(event, EventTypes.BRIDGE_MESSAGE_EDITED, () -> lockedMessage(event.externalId())
                .chain(message -> {
                    if (message == null || message.isDeleted()) {
                        return nothingToChange(event, message == null ? "unknown" : "deleted");
                    }
                    if (event.content().equals(message.content)) {
                        return nothingToChange(event, "unchanged");
                    }
                    return messageService.recordEdit(message, event.content()).map(Done::applied);
                }));
    }

    /** A delete in Discord soft-deletes the message it relayed; one the web never saw is left alone. */
    public Uni<Result> delete(InboundEvent.BridgeMessageDeleted event) {
        return once(event, EventTypes.BRIDGE_MESSAGE_DELETED, () -> lockedMessage(event.externalId())
                .chain(message -> {
                    if (message == null || message.isDeleted()) {
                        return nothingToChange(event, message == null ? "unknown" : "deleted");
                    }
                    return messageService.recordDelete(message).map(Done::applied);
                }));
    }

    /** Only to public channels; its files are uploads the bridge's account made. */
    private Uni<RecordedChange> storeRelayed(InboundEvent.BridgeMessage event) {
        if (ChannelNames.isDm(event.channel())) {
            return Uni.createFrom().failure(ProtocolException.badRequest("Discord messages go to public channels only"));
        }
        return channels.requireExisting(event.channel())
                .chain(() -> replyTarget(event))
                .chain(replyTo -> threadTarget(event).chain(thread -> store.storeRelayed(event, replyTo, thread,
                        metadataOf(event), config.bridge().username())));
    }

    /** Checks the source, applies the work once per envelope id in one transaction, then publishes. */
    private Uni<Result> once(InboundEvent event, String type, Supplier<Uni<Done>> work) {
        if (!SOURCE.equals(event.source())) {
            return Uni.createFrom().failure(wrongSource(event, type));
        }
        return Panache.withTransaction(() -> processedEvents.claim(event.id(), type)
                        .chain(first -> first ? work.get() : Uni.createFrom().item(Done.DUPLICATE)))
                .invoke(done -> {
                    if (done.change() != null) {
                        publisher.publish(done.change());
                    }
                })
                .map(Done::result);
    }

    /** Why an event that claims to come from Discord, but names another source, is refused. */
    static InvalidEventException wrongSource(InboundEvent event, String type) {
        return new InvalidEventException(event.id(), type + " must have source " + SOURCE + ", not " + shown(event.source()));
    }

    /** The message relayed under this Discord id (or null), held until the transaction ends. */
    private Uni<Message> lockedMessage(String externalId) {
        return messages.lockExternal(MessageService.SOURCE_DISCORD, externalId)
                .chain(() -> messages.findExternal(MessageService.SOURCE_DISCORD, externalId));
    }

    /** The relayed message a reply answers, when it is known in the same channel; else no reply link. */
    private Uni<UUID> replyTarget(InboundEvent.BridgeMessage event) {
        if (event.replyToExternal() == null) {
            return Uni.createFrom().nullItem();
        }
        return messages.findExternal(MessageService.SOURCE_DISCORD, event.replyToExternal())
                .map(parent -> {
                    if (parent == null || !parent.channel.equals(event.channel())) {
                        Log.debugf("Discord message %s replies to %s, unknown in %s: stored without reply_to",
                                event.externalId(), event.replyToExternal(), event.channel());
                        return null;
                    }
                    return parent.id;
                });
    }

    /**
     * The web thread a message from a Discord thread joins: its root by web id or by the Discord id it came from,
     * when that message is known in the same channel; else none (stored top-level, as an unknown reply target is).
     */
    private Uni<UUID> threadTarget(InboundEvent.BridgeMessage event) {
        InboundEvent.BridgeMessage.Thread thread = event.thread();
        Uni<Message> root;
        if (thread.webId() != null) {
            root = messages.findById(UUID.fromString(thread.webId()));
        } else if (thread.external() != null) {
            root = messages.findExternal(MessageService.SOURCE_DISCORD, thread.external());
        } else {
            return Uni.createFrom().nullItem();
        }
        return root.map(found -> {
            if (found == null || !found.channel.equals(event.channel()) || event.externalId().equals(found.externalId)) {
                Log.debugf("Discord message %s is in a thread whose root is unknown in %s: stored top-level",
                        event.externalId(), event.channel());
                return null;
            }
            return found.id;
        });
    }

    /** The author's avatar, when it is a web address a browser may load. */
    private static Map<String, Object> metadataOf(InboundEvent.BridgeMessage event) {
        String avatar = event.avatarUrl();
        if (avatar == null || avatar.isBlank()) {
            return Map.of();
        }
        String scheme = avatar.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("https://") && !scheme.startsWith("http://")) {
            Log.warnf("event %s: avatar_url is not an http(s) address; the message is stored without it", event.id());
            return Map.of();
        }
        return Map.of("avatar_url", avatar);
    }

    private static Uni<Done> nothingToChange(InboundEvent event, String why) {
        Log.debugf("event %s (%s) changes nothing: the Discord message is %s here", event.id(),
                event.getClass().getSimpleName(), why);
        return Uni.createFrom().item(Done.NOTHING);
    }

    private static String shown(String source) {
        if (source == null) {
            return "none";
        }
        return source.length() <= 40 ? source : source.substring(0, 40) + "…";
    }

    /** How the transaction ended, and the change to publish after it committed (if any). */
    private record Done(Result result, RecordedChange change) {

        static final Done DUPLICATE = new Done(Result.DUPLICATE, null);
        static final Done NOTHING = new Done(Result.NOTHING_TO_CHANGE, null);

        static Done applied(RecordedChange change) {
            return new Done(Result.APPLIED, change);
        }
    }
}
