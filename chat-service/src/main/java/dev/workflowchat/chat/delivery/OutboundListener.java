package dev.workflowchat.chat.delivery;

import dev.workflowchat.bus.ResilientSubscriber;
import dev.workflowchat.bus.StreamTwin;
import dev.workflowchat.chat.Mentions;
import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.chat.repository.PlausibleSeqs;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.AgentPresence;
import dev.workflowchat.protocol.model.ApprovalView;
import dev.workflowchat.protocol.model.ChannelView;
import dev.workflowchat.protocol.model.UserView;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Every replica's one way to its clients: what it reads on {@code wfchat:out} it turns into a
 * frame, serialised once, and pushes to all its connections that may see it. The write path never
 * pushes directly, so every replica shows the same chat. When the subscription was lost (a Redis
 * restart), what was published meanwhile is read back from {@code wfchat:out:stream}, so the
 * connected clients miss nothing; an event seen twice around the outage is delivered once. A
 * change is pushed only with a number the database handed out ({@link PlausibleSeqs}).
 */
@ApplicationScoped
public class OutboundListener {

    private static final int REMEMBERED_IDS = 20_000;

    private final ReactiveRedisDataSource redis;
    private final EventParser parser;
    private final ConnectionFanout fanout;
    private final TypingTracker typing;
    private final RedisNames names;
    private final RecentIds delivered = new RecentIds(REMEMBERED_IDS);
    private final ChatMetrics metrics;
    private final PlausibleSeqs seqs;
    private final Event<ApprovalDecisionHeard> decisions;
    private final Event<ApprovalPendingHeard> pending;
    private Cancellable subscription;

    public OutboundListener(ReactiveRedisDataSource redis, EventParser parser, ConnectionFanout fanout,
                            TypingTracker typing, RedisNames names, ChatMetrics metrics, PlausibleSeqs seqs,
                            Event<ApprovalDecisionHeard> decisions, Event<ApprovalPendingHeard> pending) {
        this.decisions = decisions;
        this.pending = pending;
        this.redis = redis;
        this.parser = parser;
        this.fanout = fanout;
        this.typing = typing;
        this.names = names;
        this.metrics = metrics;
        this.seqs = seqs;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        // One context for what is heard, so it is delivered one after another, in order. On this
        // (non-Vert.x) startup thread, Vert.x hands back the context the thread is tied to, the
        // loop the ingest's reads and transactions also run on; a loop of its own for the hearing
        // measured no faster on two cores (docs/performance.md, "the ingest's loops").
        Context fanoutLoop = vertx.getOrCreateContext();
        Executor onFanoutLoop = task -> fanoutLoop.runOnContext(ignored -> task.run());
        ReactiveStreamCommands<String, String, String> streams = redis.stream(String.class, String.class, String.class);
        subscription = ResilientSubscriber.subscribe(redis.pubsub(String.class), names.out(),
                raw -> Uni.createFrom().voidItem().emitOn(onFanoutLoop).chain(() -> deliver(raw)),
                StreamTwin.readBack(streams, names.outStream()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /** Pushes what the event means to the clients that may see it; completes when it is handed to them. */
    Uni<Void> deliver(String raw) {
        Envelope event;
        try {
            event = parser.envelope(raw);
        } catch (InvalidEventException e) {
            Log.debugf("ignored an invalid event on %s: %s", names.out(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!delivered.add(event.id())) {
            return Uni.createFrom().voidItem(); // heard live and read back after an outage
        }
        if (!EventTypes.CHANGES.contains(event.type())) {
            deliverOther(event);
            return Uni.createFrom().voidItem();
        }
        ServerFrame.Change change = ChangeFrames.of(event);
        if (change == null || change.channel() == null || change.channel().isEmpty()) {
            // who may see a change follows from its channel: one that doesn't read as a change goes to no one
            Log.debugf("did not push %s %s: it does not read as a change of a channel", event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        return seqs.plausible(change.seq()).invoke(plausible -> {
            if (plausible) {
                deliverChange(event, change);
            } else {
                metrics.implausibleDropped();
                Log.warnf("did not push %s %s: its seq %s was never handed out here", event.type(), event.id(), event.seq());
            }
        }).replaceWithVoid();
    }

    private void deliverChange(Envelope event, ServerFrame.Change change) {
        ServerFrame.ReactionChanged delta = ChangeFrames.deltaOf(event);
        // a message's frame is written around the message as the event carries it, not out of the record again
        String json = change instanceof ServerFrame.MessageChanged changed
                ? ServerFrame.MessageChanged.json(changed.type(), changed.seq(), event.data()) : json(change);
        fanout.broadcast(new ConnectionFanout.Delivery(change.channel(), json, delta == null ? null : json(delta),
                channelChange(event, change)));
        if (event.ts() != null) {
            metrics.fanout(Duration.between(event.ts(), Instant.now()));
        }
        if (change instanceof ServerFrame.MessageChanged created && EventTypes.MESSAGE_CREATED.equals(created.type())) {
            metrics.delivered(created.message().source());
            typingStopped(change.channel(), created.message().authorId());
        }
    }

    private void deliverOther(Envelope event) {
        switch (event.type()) {
            case EventTypes.AGENT_PRESENCE -> read(event, AgentPresence.class).ifPresent(presence -> fanout.broadcast(
                    ConnectionFanout.Delivery.toEveryone(json(new ServerFrame.Presence(List.of(presence))))));
            case EventTypes.USER_TYPING -> {
                String channel = event.data().path("channel").asText();
                List<String> users = typing.typing(channel, event.data().path("user").asText(), System.nanoTime());
                fanout.broadcast(typingIn(channel, users));
            }
            case EventTypes.SESSION_ENDED -> fanout.closeSession(event.data().path("token_hash").asText());
            case EventTypes.APPROVAL_REQUESTED, EventTypes.APPROVAL_DECIDED, EventTypes.APPROVAL_UPDATED ->
                    read(event, ApprovalView.class).ifPresent(approval -> {
                        fanout.broadcast(ConnectionFanout.Delivery.about(approval.channel(),
                                json(new ServerFrame.ApprovalChanged(event.type(), approval))));
                        if (EventTypes.APPROVAL_DECIDED.equals(event.type())) {
                            decisions.fire(new ApprovalDecisionHeard(approval));
                        } else {
                            pending.fire(new ApprovalPendingHeard(approval));
                        }
                    });
            case EventTypes.CHANNEL_UPDATED -> read(event.data().path("channel"), ChannelView.class).ifPresent(channel ->
                    fanout.broadcast(ConnectionFanout.Delivery.about(channel.name(), json(new ServerFrame.ChannelUpdated(
                            event.data().path("change").asText(), channel)))));
            case EventTypes.USER_UPDATED -> read(event, UserView.class).ifPresent(user -> fanout.broadcast(
                    ConnectionFanout.Delivery.toEveryone(json(new ServerFrame.UserUpdated(user)))));
            default -> Log.tracef("%s needs no frame", event.type());
        }
    }

    private void typingStopped(String channel, String author) {
        List<String> still = typing.stopped(channel, author, System.nanoTime());
        if (still != null) {
            fanout.broadcast(typingIn(channel, still));
        }
    }

    private static ConnectionFanout.Delivery typingIn(String channel, List<String> users) {
        return new ConnectionFanout.Delivery(channel, json(new ServerFrame.TypingUsers(channel, users)), null,
                ConnectionFanout.ChannelChange.NOTICE);
    }

    /** What the change is to a client looking at other channels: counted, or (a mention) sent at once. */
    private static ConnectionFanout.ChannelChange channelChange(Envelope event, ServerFrame.Change change) {
        if (change instanceof ServerFrame.MessageChanged changed && EventTypes.MESSAGE_CREATED.equals(event.type())) {
            var message = changed.message();
            if ("system".equals(message.authorType()) && message.metadata() != null
                    && "project_bound".equals(message.metadata().get("type"))) {
                return null; // it changes the channel list every client shows (its project): sent to all, in full
            }
            return new ConnectionFanout.ChannelChange(change.seq(), message.threadId() == null,
                    "user".equals(message.authorType()) ? message.authorId() : null, Mentions.in(message.content()));
        }
        return new ConnectionFanout.ChannelChange(change.seq(), false, null, List.of());
    }

    private static <T> Optional<T> read(Envelope event, Class<T> type) {
        return read(event.data(), type);
    }

    private static <T> Optional<T> read(com.fasterxml.jackson.databind.JsonNode data, Class<T> type) {
        try {
            return Optional.of(ProtocolJson.mapper().treeToValue(data, type));
        } catch (Exception e) {
            Log.debugf("did not push a frame: its data does not read as a %s", type.getSimpleName());
            return Optional.empty();
        }
    }

    private static String json(ServerFrame frame) {
        return ProtocolJson.mapper().valueToTree(frame).toString();
    }
}
