package dev.workflowchat.chat.websocket;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends one already-serialised frame to every connection open on this replica. */
@ApplicationScoped
public class ConnectionFanout {

    private static final int CLOSE_POLICY_VIOLATION = 1008;

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

    private static void send(WebSocketConnection connection, String frameJson) {
        if (connection.isOpen()) {
            connection.sendText(frameJson).subscribe().with(
                    ignored -> { },
                    failure -> Log.debugf("could not send to connection %s: %s", connection.id(), failure.getMessage()));
        }
    }
}
