package dev.workflowchat.chat.websocket;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sends one already-serialised frame to every connection open on this replica. */
@ApplicationScoped
public class ConnectionFanout {

    private static final int CLOSE_POLICY_VIOLATION = 1008;
    private static final int CLOSE_GOING_AWAY = 1001;

    private final OpenConnections connections;

    public ConnectionFanout(OpenConnections connections) {
        this.connections = connections;
    }

    public void broadcast(String frameJson) {
        for (WebSocketConnection connection : connections.findByEndpointId(ChatWebSocket.ENDPOINT_ID)) {
            send(connection, frameJson);
        }
    }

    /** Closes the sockets opened with a login session that just ended, so logout takes effect at once. */
    public void closeSession(String tokenHash) {
        for (WebSocketConnection connection : connections.findByEndpointId(ChatWebSocket.ENDPOINT_ID)) {
            ClientSession session = connection.userData().get(ClientSession.KEY);
            if (session != null && tokenHash.equals(session.tokenHash())) {
                connection.close(new CloseReason(CLOSE_POLICY_VIOLATION, "logged out")).subscribe().with(
                        ignored -> { }, failure -> Log.debugf("closing %s failed: %s", connection.id(), failure.getMessage()));
            }
        }
    }

    /**
     * Tells every client this replica is going away (1001), so each reconnects at once, to
     * another replica behind the load balancer, and resumes from its last change. This runs when
     * shutdown begins (readiness already down), before Quarkus waits for in-flight requests, so
     * open sockets don't hold the shutdown up and writes under way still finish.
     */
    void goingAway(@Observes ShutdownDelayInitiatedEvent event) {
        List<Uni<Void>> closing = new ArrayList<>();
        for (WebSocketConnection connection : connections.findByEndpointId(ChatWebSocket.ENDPOINT_ID)) {
            closing.add(connection.close(new CloseReason(CLOSE_GOING_AWAY, "the service is restarting; reconnect"))
                    .onFailure().recoverWithNull());
        }
        if (!closing.isEmpty()) {
            Uni.join().all(closing).andCollectFailures().replaceWithVoid()
                    .onFailure().recoverWithNull()
                    .await().atMost(Duration.ofSeconds(5));
            Log.infof("asked %d clients to reconnect elsewhere", closing.size());
        }
    }

    private static void send(WebSocketConnection connection, String frameJson) {
        if (connection.isOpen()) {
            connection.sendText(frameJson).subscribe().with(
                    ignored -> { },
                    failure -> Log.debugf("could not send to connection %s: %s", connection.id(), failure.getMessage()));
        }
    }
}
