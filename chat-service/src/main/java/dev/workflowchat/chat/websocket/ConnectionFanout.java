package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.metrics.ChatMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Sends one already-serialised frame to every connection open on this replica. Each connection
 * has a bounded send buffer ({@link SendBuffer}): a client that stays over
 * {@code wfchat.websocket.max-pending-bytes} longer than {@code slow-client-grace}, or goes over
 * 16 times that, is closed, instead of the server holding ever more for it.
 */
@ApplicationScoped
public class ConnectionFanout {

    private static final int CLOSE_POLICY_VIOLATION = 1008;
    private static final int CLOSE_GOING_AWAY = 1001;
    private static final UserData.TypedKey<SendBuffer> SEND_BUFFER = new UserData.TypedKey<>("wfchat.send-buffer");
    private static final UserData.TypedKey<Boolean> CUT_OFF = new UserData.TypedKey<>("wfchat.cut-off");

    private final OpenConnections connections;
    private final long maxPendingBytes;
    private final long graceNanos;
    private final long graceMillis;
    private final ChatMetrics metrics;
    private volatile Vertx vertx;

    private final List<Context> loops = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ConnectionFanout(OpenConnections connections, ChatConfig config, ChatMetrics metrics) {
        this.connections = connections;
        this.maxPendingBytes = config.websocket().maxPendingBytes();
        this.graceNanos = config.websocket().slowClientGrace().toNanos();
        this.graceMillis = config.websocket().slowClientGrace().toMillis();
        this.metrics = metrics;
    }

    /** One event-loop context per core; made on the main thread, where each call hands out the next loop. */
    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            loops.add(vertx.getOrCreateContext());
        }
    }

    /**
     * Sends the frame to every connection, the sends split over the event loops: each connection
     * always from the same one (by its id), so its frames keep their order.
     */
    public void broadcast(String frameJson) {
        Collection<WebSocketConnection> all = connections.findByEndpointId(ChatWebSocket.ENDPOINT_ID);
        if (loops.isEmpty()) {
            all.forEach(connection -> send(connection, frameJson));
            return;
        }
        List<List<WebSocketConnection>> shards = new ArrayList<>(loops.size());
        for (int i = 0; i < loops.size(); i++) {
            shards.add(new ArrayList<>(all.size() / loops.size() + 1));
        }
        for (WebSocketConnection connection : all) {
            shards.get(Math.floorMod(connection.id().hashCode(), loops.size())).add(connection);
        }
        for (int i = 0; i < loops.size(); i++) {
            List<WebSocketConnection> shard = shards.get(i);
            loops.get(i).runOnContext(ignored -> shard.forEach(connection -> send(connection, frameJson)));
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

    private void send(WebSocketConnection connection, String frameJson) {
        if (!connection.isOpen() || connection.userData().get(CUT_OFF) != null) {
            return;
        }
        SendBuffer buffer = sendBuffer(connection);
        // characters, not UTF-8 bytes: the frames are mostly ASCII, and a bound needs no precision
        long size = frameJson.length();
        SendBuffer.Reservation reservation = buffer.reserve(size, maxPendingBytes, graceNanos, System.nanoTime());
        if (reservation == SendBuffer.Reservation.REFUSED) {
            cutOff(connection);
            return;
        }
        if (reservation == SendBuffer.Reservation.TAKEN_NOW_OVER && vertx != null) {
            // the next send would notice a client still over when the grace ends; in a quiet channel
            // there may be none for a long time, so look then anyway (on this same event loop)
            vertx.setTimer(graceMillis + 1, ignored -> {
                if (connection.isOpen() && connection.userData().get(CUT_OFF) == null
                        && buffer.overLongerThan(graceNanos, System.nanoTime())) {
                    cutOff(connection);
                }
            });
        }
        connection.sendText(frameJson).subscribe().with(
                ignored -> buffer.release(size, maxPendingBytes),
                failure -> {
                    buffer.release(size, maxPendingBytes);
                    Log.debugf("could not send to connection %s: %s", connection.id(), failure.getMessage());
                });
    }

    private static SendBuffer sendBuffer(WebSocketConnection connection) {
        SendBuffer buffer = connection.userData().get(SEND_BUFFER);
        if (buffer == null) {
            // broadcasts run on one event loop, so no one else makes it at the same time
            buffer = new SendBuffer();
            connection.userData().put(SEND_BUFFER, buffer);
        }
        return buffer;
    }

    /** Closes a client that isn't reading; it may reconnect and resume from its last change. */
    private void cutOff(WebSocketConnection connection) {
        connection.userData().put(CUT_OFF, Boolean.TRUE);
        metrics.slowClientClosed();
        ClientSession session = connection.userData().get(ClientSession.KEY);
        Log.infof("closing connection %s of %s: it is not reading what it is sent", connection.id(),
                session == null ? "?" : session.user().username());
        connection.close(new CloseReason(CLOSE_POLICY_VIOLATION, "not reading fast enough; reconnect and resume"))
                .subscribe().with(ignored -> { },
                        failure -> Log.debugf("closing %s failed: %s", connection.id(), failure.getMessage()));
    }
}
