package dev.workflowchat.chat.support;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A plain Redis client for tests outside Quarkus: what an agent or an operator's redis-cli would do. */
public final class RedisClient implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;
    private final RedisAPI api;

    public RedisClient(String uri) {
        this.redis = Redis.createClient(vertx, uri);
        this.api = RedisAPI.api(redis);
    }

    /** Runs one command, as redis-cli would, and waits for its answer. */
    public Response command(String... args) {
        try {
            return api.send(io.vertx.redis.client.Command.create(args[0]),
                            java.util.Arrays.copyOfRange(args, 1, args.length))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("redis command " + args[0] + " failed: " + e.getMessage(), e);
        }
    }

    public void publish(String channel, String payload) {
        command("PUBLISH", channel, payload);
    }

    public void xadd(String stream, String payload) {
        command("XADD", stream, "*", "event", payload);
    }

    public List<Response> xrange(String stream) {
        Response range = command("XRANGE", stream, "-", "+");
        return range == null ? List.of() : range.stream().toList();
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
