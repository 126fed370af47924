package dev.workflowchat.chat.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.bus.StreamTwin;
import dev.workflowchat.chat.service.MessageService;
import dev.workflowchat.chat.websocket.ConnectionFanout;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InvalidEventException;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Keeps the chat in step with the workflow: each transition on {@code wfchat:state} becomes one
 * message in {@code workflow} (posted once, whichever replica hears it first), and each snapshot
 * is pushed to every browser as {@code workflow.state}. When the subscription was lost (a Redis
 * restart), what the state-broadcaster announced meanwhile is read back from
 * {@code wfchat:state:stream}, so no transition goes unposted and browsers end on the present.
 */
@ApplicationScoped
public class StateListener {

    static final String WORKFLOW_CHANNEL = "workflow";
    private static final int REMEMBERED_IDS = 10_000;

    private final PubSubSubscriptions subscriptions;
    private final EventParser parser;
    private final MessageService messages;
    private final ConnectionFanout fanout;
    private final DuplicatedContexts contexts;
    private final RedisNames names;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final RecentIds pushed = new RecentIds(REMEMBERED_IDS);
    private Cancellable subscription;

    public StateListener(PubSubSubscriptions subscriptions, EventParser parser, MessageService messages,
                         ConnectionFanout fanout, DuplicatedContexts contexts, RedisNames names,
                         ReactiveRedisDataSource redis) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.subscriptions = subscriptions;
        this.parser = parser;
        this.messages = messages;
        this.fanout = fanout;
        this.contexts = contexts;
        this.names = names;
    }

    void start(@Observes StartupEvent event) {
        subscription = subscriptions.subscribe(names.state(), this::handle, StreamTwin.readBack(streams, names.stateStream()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    Uni<Void> handle(String raw) {
        Envelope event;
        try {
            event = parser.envelope(raw);
        } catch (InvalidEventException e) {
            Log.debugf("ignored an invalid event on %s: %s", names.state(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (EventTypes.WORKFLOW_SNAPSHOT.equals(event.type())) {
            if (!pushed.add(event.id())) {
                return Uni.createFrom().voidItem(); // heard live and read back after an outage
            }
            ObjectNode frame = ProtocolJson.mapper().createObjectNode().put("type", "workflow.state");
            frame.set("snapshot", event.data());
            fanout.broadcast(ConnectionFanout.Delivery.toEveryone(frame.toString()));
            return Uni.createFrom().voidItem();
        }
        if (EventTypes.WORKFLOW_TRANSITION.equals(event.type())) {
            JsonNode data = event.data();
            String text = "State transition: **" + data.path("from").asText() + "** → **" + data.path("to").asText()
                    + "** by " + data.path("by").asText() + " via " + data.path("command").asText();
            return contexts.run(() -> messages.postSystemMessageOnce(event.id(), event.type(), WORKFLOW_CHANNEL, text,
                            Map.of("type", "workflow_transition", "from", data.path("from").asText(),
                                    "to", data.path("to").asText(), "project", data.path("project").asText())))
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
