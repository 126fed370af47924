package dev.workflowchat.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Agents as the protocol has them attach: nothing but a Redis client, publishing
 * {@code agent.message} envelopes on {@code wfchat:in} or adding them to {@code wfchat:in:stream}.
 */
final class RedisAgents implements AutoCloseable {

    private final Redis redis;
    private final RedisConnection connection;
    private final String inChannel;
    private final String inStream;

    RedisAgents(Vertx vertx, Target target) throws Exception {
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(target.redisUri())
                .setMaxWaitingHandlers(100_000));
        this.connection = redis.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        this.inChannel = target.redisName("in");
        this.inStream = target.redisName("in:stream");
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

    /** Adds the envelopes to the in-stream in one round trip (a pipeline). */
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
