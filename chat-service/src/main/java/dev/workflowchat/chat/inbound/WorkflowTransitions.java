package dev.workflowchat.chat.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.bus.ResilientSubscriber;
import dev.workflowchat.bus.StreamTwin;
import dev.workflowchat.chat.service.DuplicatedContexts;
import dev.workflowchat.chat.service.SystemMessages;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InvalidEventException;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Posts each workflow transition the state-broadcaster announces on {@code wfchat:state} in
 * {@code #workflow}, once however many replicas hear it (the event id is claimed with the post).
 * After a lost subscription what was announced meanwhile is read back from
 * {@code wfchat:state:stream}, so no transition goes unposted.
 */
@ApplicationScoped
public class WorkflowTransitions {

    static final String WORKFLOW_CHANNEL = "workflow";

    private final ReactiveRedisDataSource redis;
    private final EventParser parser;
    private final SystemMessages messages;
    private final DuplicatedContexts contexts;
    private final RedisNames names;
    private Cancellable subscription;

    public WorkflowTransitions(ReactiveRedisDataSource redis, EventParser parser, SystemMessages messages,
                               DuplicatedContexts contexts, RedisNames names) {
        this.redis = redis;
        this.parser = parser;
        this.messages = messages;
        this.contexts = contexts;
        this.names = names;
    }

    void start(@Observes StartupEvent event) {
        subscription = ResilientSubscriber.subscribe(redis.pubsub(String.class), names.state(), this::handle,
                StreamTwin.readBack(redis.stream(String.class, String.class, String.class), names.stateStream()));
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
        if (!EventTypes.WORKFLOW_TRANSITION.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        String text = "State transition: **" + data.path("from").asText() + "** → **" + data.path("to").asText()
                + "** by " + data.path("by").asText() + " via " + data.path("command").asText();
        return contexts.run(() -> messages.postOnce(event.id(), event.type(), WORKFLOW_CHANNEL, text,
                        Map.of("type", "workflow_transition", "from", data.path("from").asText(),
                                "to", data.path("to").asText(), "project", data.path("project").asText())))
                .replaceWithVoid();
    }
}
