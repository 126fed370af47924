package dev.workflowchat.state.websocket;

import dev.workflowchat.bus.ResilientSubscriber;
import dev.workflowchat.bus.StreamTwin;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.service.WorkflowService;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Read-only {@code /ws/state} for dashboards: the latest snapshot on connect, then every event
 * this service (or any replica of it) announces on {@code wfchat:state}, including, after a Redis
 * restart, those announced while the subscription was down (an event may then come twice).
 */
@WebSocket(path = "/ws/state", endpointId = StateWebSocket.ENDPOINT_ID)
@Singleton
public class StateWebSocket {

    public static final String ENDPOINT_ID = "state";

    private final WorkflowService workflow;
    private final StateConfig config;
    private final OpenConnections connections;
    private final ReactiveRedisDataSource redis;
    private final RedisNames names;
    private Cancellable relay;

    public StateWebSocket(WorkflowService workflow, StateConfig config, OpenConnections connections,
                          ReactiveRedisDataSource redis, RedisNames names) {
        this.workflow = workflow;
        this.config = config;
        this.connections = connections;
        this.redis = redis;
        this.names = names;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        return workflow.snapshot(config.defaultProject())
                .map(snapshot -> Envelope.create(EventTypes.WORKFLOW_SNAPSHOT, WorkflowService.SOURCE, null, snapshot))
                .chain(envelope -> connection.sendText(envelope.toJson()));
    }

    void start(@Observes StartupEvent event) {
        // after a lost subscription, what was announced meanwhile is read back from the stream twin
        relay = ResilientSubscriber.subscribe(redis.pubsub(String.class), names.state(), raw -> {
            for (WebSocketConnection connection : connections.findByEndpointId(ENDPOINT_ID)) {
                connection.sendText(raw).subscribe().with(ignored -> { },
                        failure -> Log.debugf("could not send to %s: %s", connection.id(), failure.getMessage()));
            }
            return Uni.createFrom().voidItem();
        }, StreamTwin.readBack(redis.stream(String.class, String.class, String.class), names.stateStream()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.cancel();
        }
    }
}
