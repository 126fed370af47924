package dev.workflowchat.chat.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.bus.StreamTwin;
import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.chat.websocket.ConnectionFanout;
import dev.workflowchat.chat.websocket.TypingTracker;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Every replica's one way to its clients: what it reads on {@code wfchat:out} it turns into a
 * frame, serialised once, and pushes to all its connections. The write path never pushes
 * directly, so every replica shows the same chat. When the subscription was lost (a Redis
 * restart), what was published meanwhile is read back from {@code wfchat:out:stream}, so the
 * connected clients miss nothing; an event seen twice around the outage is delivered once. A
 * change is pushed only to who may see its channel, and only with a number the database handed
 * out ({@link PlausibleSeqs}).
 */
@ApplicationScoped
public class OutboundListener {

    private static final int REMEMBERED_IDS = 20_000;

    private final PubSubSubscriptions subscriptions;
    private final EventParser parser;
    private final ConnectionFanout fanout;
    private final TypingTracker typing;
    private final RedisNames names;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final RecentIds delivered = new RecentIds(REMEMBERED_IDS);
    private final ChatMetrics metrics;
    private final PlausibleSeqs seqs;
    private Cancellable subscription;

    public OutboundListener(PubSubSubscriptions subscriptions, EventParser parser, ConnectionFanout fanout,
                            TypingTracker typing, RedisNames names, ReactiveRedisDataSource redis, ChatMetrics metrics,
                            PlausibleSeqs seqs) {
        this.metrics = metrics;
        this.seqs = seqs;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.subscriptions = subscriptions;
        this.parser = parser;
        this.fanout = fanout;
        this.typing = typing;
        this.names = names;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        // An event loop of its own for the fan-out (from this non-Vert.x thread, Vert.x hands out
        // the next loop): pushing to every client must not queue behind the Redis connection's
        // other work, such as the ingest path's transactions. One after another keeps the order.
        Context fanoutLoop = vertx.getOrCreateContext();
        Executor onFanoutLoop = task -> fanoutLoop.runOnContext(ignored -> task.run());
        subscription = subscriptions.subscribe(names.out(),
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
        ObjectNode change = ChangeEvents.toFrame(event);
        if (change == null) {
            deliverOther(event);
            return Uni.createFrom().voidItem();
        }
        if (event.seq() == null) {
            return implausible(event);
        }
        return seqs.plausible(event.seq())
                .chain(plausible -> plausible ? deliverChange(event, change) : implausible(event));
    }

    private Uni<Void> deliverChange(Envelope event, ObjectNode change) {
        String channel = change.path("channel").isTextual() ? change.path("channel").asText()
                : change.path("message").path("channel").asText(null);
        if (channel == null || channel.isEmpty()) {
            // who may see a change follows from its channel: without one it goes to no one
            Log.debugf("did not push %s %s: it names no channel", event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        ServerFrame.ReactionChanged delta = ChangeEvents.toDelta(event);
        fanout.broadcast(new ConnectionFanout.Delivery(channel, change.toString(), delta == null ? null : json(delta)));
        if (event.ts() != null) {
            metrics.fanout(Duration.between(event.ts(), Instant.now()));
        }
        if (EventTypes.MESSAGE_CREATED.equals(event.type())) {
            metrics.delivered(event.data().path("source").asText(null));
            typingStopped(channel, event.data().path("author_id").asText());
        }
        return Uni.createFrom().voidItem();
    }

    /** A change whose number the database never handed out: forged, or from a broken producer. */
    private Uni<Void> implausible(Envelope event) {
        metrics.implausibleDropped();
        Log.warnf("did not push %s %s: its seq %s was never handed out here", event.type(), event.id(), event.seq());
        return Uni.createFrom().voidItem();
    }

    private void deliverOther(Envelope event) {
        switch (event.type()) {
            case EventTypes.AGENT_PRESENCE -> {
                ObjectNode frame = ProtocolJson.mapper().createObjectNode().put("type", "presence");
                frame.putArray("agents").add(event.data());
                fanout.broadcast(ConnectionFanout.Delivery.toEveryone(frame.toString()));
            }
            case EventTypes.USER_TYPING -> {
                String channel = event.data().path("channel").asText();
                List<String> users = typing.typing(channel, event.data().path("user").asText(), System.nanoTime());
                fanout.broadcast(ConnectionFanout.Delivery.about(channel, json(new ServerFrame.TypingUsers(channel, users))));
            }
            case EventTypes.SESSION_ENDED -> fanout.closeSession(event.data().path("token_hash").asText());
            case EventTypes.APPROVAL_REQUESTED, EventTypes.APPROVAL_DECIDED -> {
                ObjectNode frame = ProtocolJson.mapper().createObjectNode().put("type", event.type());
                frame.set("approval", event.data());
                fanout.broadcast(ConnectionFanout.Delivery.about(event.data().path("channel").asText(null),
                        frame.toString()));
            }
            default -> Log.tracef("%s needs no frame", event.type());
        }
    }

    private void typingStopped(String channel, String author) {
        List<String> still = typing.stopped(channel, author, System.nanoTime());
        if (still != null) {
            fanout.broadcast(ConnectionFanout.Delivery.about(channel, json(new ServerFrame.TypingUsers(channel, still))));
        }
    }

    private static String json(Object frame) {
        return ProtocolJson.mapper().valueToTree(frame).toString();
    }
}
