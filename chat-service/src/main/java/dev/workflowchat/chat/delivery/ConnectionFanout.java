package dev.workflowchat.chat.delivery;

import dev.workflowchat.chat.ChannelAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends one already-serialised frame to every connection open on this replica that may see it
 * (a DM's frames only to its person, see {@link ChannelAccess}), through each connection's
 * {@link Outbox}: a client that doesn't read is closed rather than held in memory.
 */
@ApplicationScoped
public class ConnectionFanout {

    /** The endpoint of the chat's sockets ({@code /ws}); its connections are the ones pushed to. */
    public static final String ENDPOINT_ID = "chat";
    private static final int CLOSE_POLICY_VIOLATION = 1008;
    private static final int CLOSE_GOING_AWAY = 1001;

    private final OpenConnections connections;
    private final Outbox outbox;
    private final FocusedDelivery focused;
    private final List<Context> loops = new CopyOnWriteArrayList<>();
    /**
     * The open chat connections, one set per fan-out loop, kept as they open and close: a broadcast
     * walks them as they are. Asking websockets-next for them instead ({@code findByEndpointId})
     * checks every connection's {@code isOpen} (a lock each) and copies the list, on one thread,
     * for every frame: at 2,000 connections that was the fan-out's largest cost.
     */
    private final List<Set<WebSocketConnection>> shards = new ArrayList<>();

    public ConnectionFanout(OpenConnections connections, Outbox outbox, FocusedDelivery focused, MeterRegistry registry) {
        this.connections = connections;
        this.outbox = outbox;
        this.focused = focused;
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            shards.add(ConcurrentHashMap.newKeySet());
        }
        registry.gauge("wfchat.websocket.connections", shards, all -> all.stream().mapToInt(Set::size).sum());
    }

    /** One event-loop context per core; made on the main thread, where each call hands out the next loop. */
    void start(@Observes StartupEvent event, Vertx vertx) {
        for (int i = 0; i < shards.size(); i++) {
            loops.add(vertx.getOrCreateContext());
        }
    }

    /** A chat connection opened: from now on it is sent what it may see. */
    public void opened(WebSocketConnection connection) {
        shardOf(connection).add(connection);
    }

    public void closed(WebSocketConnection connection) {
        shardOf(connection).remove(connection);
    }

    /**
     * Sends the frame to every connection that may see it, the sends split over the event loops:
     * each connection always from the same one (by its id), so its frames keep their order.
     */
    public void broadcast(Delivery delivery) {
        if (loops.isEmpty()) {
            shards.forEach(shard -> shard.forEach(connection -> send(connection, delivery)));
            return;
        }
        for (int i = 0; i < loops.size(); i++) {
            Set<WebSocketConnection> shard = shards.get(i);
            loops.get(i).runOnContext(ignored -> shard.forEach(connection -> send(connection, delivery)));
        }
    }

    private Set<WebSocketConnection> shardOf(WebSocketConnection connection) {
        return shards.get(Math.floorMod(connection.id().hashCode(), shards.size()));
    }

    /** Closes the sockets opened with a login session that just ended, so logout takes effect at once. */
    public void closeSession(String tokenHash) {
        for (WebSocketConnection connection : connections.findByEndpointId(ENDPOINT_ID)) {
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
        for (WebSocketConnection connection : connections.findByEndpointId(ENDPOINT_ID)) {
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

    private void send(WebSocketConnection connection, Delivery delivery) {
        ClientSession session = connection.userData().get(ClientSession.KEY);
        if (session == null || delivery.channel() != null && !ChannelAccess.mayRead(session.user(), delivery.channel())
                || focused.heldBack(connection, session, delivery)) {
            return;
        }
        boolean delta = delivery.deltaJson() != null && session.wants(ClientSession.REACTION_DELTAS);
        outbox.push(connection, delta ? delivery.deltaJson() : delivery.json());
    }

    /**
     * A frame to push: {@code channel} says who may see it (null: everyone); {@code deltaJson}, when
     * not null, is what clients that asked for deltas get instead (a reaction's change, not the map);
     * {@code change}, when not null, says it is a change of the channel's conversation, which a
     * client looking at other channels is told of in an {@code unread} frame ({@link FocusedDelivery}).
     */
    public record Delivery(String channel, String json, String deltaJson, ChannelChange change) {

        public Delivery(String channel, String json, String deltaJson) {
            this(channel, json, deltaJson, null);
        }

        public static Delivery toEveryone(String json) {
            return new Delivery(null, json, null);
        }

        public static Delivery about(String channel, String json) {
            return new Delivery(channel, json, null);
        }
    }

    /**
     * What a change of a channel's conversation is to a client not looking at it: its seq (0 for a
     * notice with none, such as typing, which such a client is simply not sent), whether it is a new
     * top-level message, and by which person ({@code authorUser}, null for an agent or the system),
     * and whom its text mentions.
     */
    public record ChannelChange(long seq, boolean newMessage, String authorUser, List<String> mentions) {

        /** Typing in a channel: nothing to count, nothing to fetch later. */
        public static final ChannelChange NOTICE = new ChannelChange(0, false, null, List.of());
    }
}
