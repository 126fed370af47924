package dev.workflowchat.chat.delivery;

import dev.workflowchat.bus.ResilientSubscriber;
import dev.workflowchat.bus.StreamTwin;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Pushes the workflow's present to every browser: each {@code workflow.snapshot} the
 * state-broadcaster announces on {@code wfchat:state} becomes a {@code workflow.state} frame. After a
 * lost subscription (a Redis restart) what was announced meanwhile is read back from
 * {@code wfchat:state:stream}, so browsers end on the present; a snapshot seen twice is pushed once.
 */
@ApplicationScoped
public class StateListener {

    private static final int REMEMBERED_IDS = 10_000;

    private final ReactiveRedisDataSource redis;
    private final EventParser parser;
    private final ConnectionFanout fanout;
    private final RedisNames names;
    private final RecentIds pushed = new RecentIds(REMEMBERED_IDS);
    private Cancellable subscription;

    public StateListener(ReactiveRedisDataSource redis, EventParser parser, ConnectionFanout fanout, RedisNames names) {
        this.redis = redis;
        this.parser = parser;
        this.fanout = fanout;
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
        try {
            Envelope event = parser.envelope(raw);
            if (EventTypes.WORKFLOW_SNAPSHOT.equals(event.type()) && pushed.add(event.id())) {
                fanout.broadcast(ConnectionFanout.Delivery.toEveryone(
                        ProtocolJson.mapper().valueToTree(new ServerFrame.WorkflowState(event.data())).toString()));
            }
        } catch (InvalidEventException e) {
            Log.debugf("ignored an invalid event on %s: %s", names.state(), e.getMessage());
        }
        return Uni.createFrom().voidItem();
    }
}
