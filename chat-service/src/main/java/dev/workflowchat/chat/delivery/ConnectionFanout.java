package dev.workflowchat.chat.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one already-serialised frame to every connection open on this replica that may see it
 * (a DM's frames only to its person, see {@link dev.workflowchat.chat.ChannelAccess}), through each connection's
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
    /**
     * The open chat connections, split over one event loop per core, kept as they open and close:
     * a broadcast hands each loop the frame, and the loop walks only the connections that get it
     * ({@link FanoutShard}). Asking websockets-next for the connections instead
     * ({@code findByEndpointId}) checks every one's {@code isOpen} (a lock each) and copies the list,
     * on one thread, for every frame: at 2,000 connections that was the fan-out's largest cost.
     */
    private final List<FanoutShard> shards = new CopyOnWriteArrayList<>();

    public ConnectionFanout(OpenConnections connections, Outbox outbox, MeterRegistry registry) {
        this.connections = connections;
        this.outbox = outbox;
        registry.gauge("wfchat.websocket.connections", shards,
                all -> all.stream().mapToInt(FanoutShard::openCount).sum());
    }

    /**
     * One shard per core, each on an event loop of its own: a verticle deployed once per core gets a
     * context on the next loop for each instance. (Asked twice on one thread, {@code getOrCreateContext}
     * hands back the same context: both shards ran on one loop, which did 85 % of the fan-out's own
     * work in a profile at the limit while the other loop mostly wrote.)
     */
    void start(@Observes StartupEvent event, Vertx vertx) {
        int loops = Runtime.getRuntime().availableProcessors();
        FanoutShard[] made = new FanoutShard[loops];
        AtomicInteger next = new AtomicInteger();
        vertx.deployVerticle(() -> new AbstractVerticle() {
                    @Override
                    public void start() {
                        made[next.getAndIncrement()] = new FanoutShard(context, vertx, outbox);
                    }
                }, new DeploymentOptions().setInstances(loops))
                .toCompletionStage().toCompletableFuture().join();
        shards.addAll(List.of(made));
    }

    /** The shards, in order (tests look at the loops they run on). */
    List<FanoutShard> shards() {
        return List.copyOf(shards);
    }

    /** A chat connection opened: from now on it is sent what it may see (everything, until it says what it looks at). */
    public void opened(WebSocketConnection connection, String username) {
        FanoutShard shard = shardOf(connection);
        shard.run(() -> shard.opened(connection, username));
    }

    public void closed(WebSocketConnection connection, String username) {
        FanoutShard shard = shardOf(connection);
        shard.run(() -> shard.closed(connection, username));
    }

    /** The connection looks at these channels from now on (a {@code focus} frame). */
    public void focus(WebSocketConnection connection, String username, List<String> channels) {
        FanoutShard shard = shardOf(connection);
        Set<String> focus = Set.copyOf(channels);
        shard.run(() -> shard.focus(connection, username, focus));
    }

    /**
     * Sends the frame to every connection that may see it, each loop to its own connections:
     * a connection always from the same one, so its frames keep their order.
     */
    public void broadcast(Delivery delivery) {
        shards.forEach(shard -> shard.run(() -> shard.deliver(delivery)));
    }

    private FanoutShard shardOf(WebSocketConnection connection) {
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

    /**
     * A frame to push: {@code channel} says who may see it (null: everyone); {@code deltaJson}, when
     * not null, is what clients that asked for deltas get instead (a reaction's change, not the map);
     * {@code change}, when not null, says it is a change of the channel's conversation, which a
     * client looking at other channels is told of in an {@code unread} frame ({@link FanoutShard}).
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
