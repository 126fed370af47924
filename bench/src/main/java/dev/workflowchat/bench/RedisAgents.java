package dev.workflowchat.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Agents as the protocol has them attach: nothing but a Redis client, publishing
 * {@code agent.message} envelopes on the agent's own way in, {@code wfchat:in:bench}, or adding them
 * to its stream, {@code wfchat:in:bench:stream} (the path every agent takes under per-agent ACLs).
 */
final class RedisAgents implements AutoCloseable {

    /** The agent the bench speaks as. */
    static final String AGENT = "bench";
    /** The chat-service's consumer group on every way in. */
    private static final String CHAT_GROUP = "chat-service";
    private static final Duration POLL = Duration.ofMillis(100);

    private final Redis redis;
    private final RedisConnection connection;
    private final String inChannel;
    private final String inStream;

    RedisAgents(Vertx vertx, Target target) throws Exception {
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(target.redisUri())
                .setMaxWaitingHandlers(100_000));
        this.connection = redis.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        this.inChannel = target.redisName("in:" + AGENT);
        this.inStream = target.redisName("in:" + AGENT + ":stream");
    }

    /**
     * Makes the agent's own stream and waits until the chat-service reads it (it looks for new
     * agents' streams every {@code WFCHAT_REDIS_AGENT_STREAMS_SCAN_EVERY}, 10 s by default), so a
     * measurement that starts after it measures ingest, not the wait to be found. The first entry
     * is the agent's {@code online} status.
     */
    void awaitReadByTheChat(Duration atMost) throws Exception {
        String status = "{\"v\":1,\"id\":\"bench-online-" + UUID.randomUUID() + "\",\"type\":\"agent.status\","
                + "\"source\":\"agent:" + AGENT + "\",\"data\":{\"agent\":\"" + AGENT + "\",\"status\":\"online\","
                + "\"task\":\"benchmark\"}}";
        String added = await(connection.send(Request.cmd(Command.XADD).arg(inStream).arg("*").arg("event").arg(status)))
                .toString();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!readUpTo(added)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the chat-service did not read " + inStream + " within " + atMost.toSeconds()
                        + " s (it looks for agents' streams every WFCHAT_REDIS_AGENT_STREAMS_SCAN_EVERY)");
            }
            Thread.sleep(POLL.toMillis()); // polling Redis for the group, bounded by the deadline
        }
    }

    /** Whether the chat-service's group on the agent's stream has read and acknowledged up to {@code id}. */
    private boolean readUpTo(String id) throws Exception {
        Response groups = await(connection.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(inStream)));
        for (Response group : groups) {
            if (CHAT_GROUP.equals(group.get("name").toString())) {
                return group.get("last-delivered-id").toString().equals(id) && group.get("pending").toLong() == 0;
            }
        }
        return false;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** An agent's message; {@code content} must need no JSON escaping (the bench's markers don't). */
    static String message(String id, String agent, String channel, String content) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"agent.message\",\"source\":\"agent:" + agent
                + "\",\"ts\":\"" + Instant.now() + "\",\"data\":{\"channel\":\"" + channel + "\",\"agent\":\"" + agent
                + "\",\"content\":\"" + content + "\"}}";
    }

    Future<Response> publish(String envelope) {
        return connection.send(Request.cmd(Command.PUBLISH).arg(inChannel).arg(envelope));
    }

    /** Adds the envelopes to the agent's own stream in one round trip (a pipeline). */
    Future<List<Response>> add(List<String> envelopes) {
        List<Request> requests = new ArrayList<>(envelopes.size());
        for (String envelope : envelopes) {
            requests.add(Request.cmd(Command.XADD).arg(inStream).arg("*").arg("event").arg(envelope));
        }
        return connection.batch(requests);
    }

    @Override
    public void close() {
        connection.close();
        redis.close();
    }
}
