package dev.workflowchat.chat.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Every replica's one way to its clients: what it reads on {@code wfchat:out} it turns into a
 * frame, serialised once, and pushes to all its connections. The write path never pushes
 * directly, so every replica shows the same chat.
 */
@ApplicationScoped
public class OutboundListener {

    private final PubSubSubscriptions subscriptions;
    private final EventParser parser;
    private final ConnectionFanout fanout;
    private final TypingTracker typing;
    private final RedisNames names;
    private Cancellable subscription;

    public OutboundListener(PubSubSubscriptions subscriptions, EventParser parser, ConnectionFanout fanout,
                            TypingTracker typing, RedisNames names) {
        this.subscriptions = subscriptions;
        this.parser = parser;
        this.fanout = fanout;
        this.typing = typing;
        this.names = names;
    }

    void start(@Observes StartupEvent event) {
        subscription = subscriptions.subscribe(names.out(), raw -> {
            deliver(raw);
            return Uni.createFrom().voidItem();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    void deliver(String raw) {
        Envelope event;
        try {
            event = parser.envelope(raw);
        } catch (InvalidEventException e) {
            Log.debugf("ignored an invalid event on %s: %s", names.out(), e.getMessage());
            return;
        }
        ObjectNode change = ChangeEvents.toFrame(event);
        if (change != null) {
            fanout.broadcast(change.toString());
            if (EventTypes.MESSAGE_CREATED.equals(event.type())) {
                JsonNode message = event.data();
                typingStopped(message.path("channel").asText(), message.path("author_id").asText());
            }
            return;
        }
        switch (event.type()) {
            case EventTypes.AGENT_PRESENCE -> {
                ObjectNode frame = ProtocolJson.mapper().createObjectNode().put("type", "presence");
                frame.putArray("agents").add(event.data());
                fanout.broadcast(frame.toString());
            }
            case EventTypes.USER_TYPING -> {
                String channel = event.data().path("channel").asText();
                List<String> users = typing.typing(channel, event.data().path("user").asText(), System.nanoTime());
                fanout.broadcast(json(new ServerFrame.TypingUsers(channel, users)));
            }
            case EventTypes.SESSION_ENDED -> fanout.closeSession(event.data().path("token_hash").asText());
            case EventTypes.APPROVAL_REQUESTED, EventTypes.APPROVAL_DECIDED -> {
                ObjectNode frame = ProtocolJson.mapper().createObjectNode().put("type", event.type());
                frame.set("approval", event.data());
                fanout.broadcast(frame.toString());
            }
            default -> Log.tracef("%s needs no frame", event.type());
        }
    }

    private void typingStopped(String channel, String author) {
        List<String> still = typing.stopped(channel, author, System.nanoTime());
        if (still != null) {
            fanout.broadcast(json(new ServerFrame.TypingUsers(channel, still)));
        }
    }

    private static String json(ServerFrame frame) {
        return ProtocolJson.mapper().valueToTree(frame).toString();
    }
}
