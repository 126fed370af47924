package dev.workflowchat.agent;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The few Redis stream commands an agent needs, as {@link Uni}s, over a pooled Vert.x client. */
final class RedisStreams implements AutoCloseable {

    /** The id before every entry: reading after it reads a stream from its start. */
    static final String BEFORE_ALL = "0-0";

    private final Vertx vertx;
    private final Redis redis;
    private final RedisAPI api;

    private RedisStreams(Vertx vertx, Redis redis) {
        this.vertx = vertx;
        this.redis = redis;
        this.api = RedisAPI.api(redis);
    }

    static RedisStreams open(String uri) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        RedisOptions options = new RedisOptions()
                .setConnectionString(uri)
                // RESP2 replies have one shape on every server version, so parsing them stays simple.
                .setPreferredProtocolVersion(ProtocolVersion.RESP2)
                // A blocking XREAD holds one connection; the rest serve writes meanwhile.
                .setMaxPoolSize(4)
                .setMaxPoolWaiting(256);
        return new RedisStreams(vertx, Redis.createClient(vertx, options));
    }

    Uni<Void> ping() {
        return uni(() -> api.ping(List.of())).replaceWithVoid();
    }

    /** XADD with the envelope in the {@code event} field; the entry id. */
    Uni<String> append(String stream, String json) {
        return uni(() -> api.xadd(List.of(stream, "*", StreamEntry.EVENT_FIELD, json))).map(Response::toString);
    }

    /** Entries after {@code afterId}, waiting up to {@code block} for one (null: answer at once). */
    Uni<List<StreamEntry>> readAfter(String stream, String afterId, int count, Duration block) {
        List<String> args = new ArrayList<>(List.of("COUNT", String.valueOf(count)));
        if (block != null) {
            args.addAll(List.of("BLOCK", String.valueOf(block.toMillis())));
        }
        args.addAll(List.of("STREAMS", stream, afterId));
        return uni(() -> api.xread(args)).map(RedisStreams::entriesOfXread);
    }

    /** The id of the stream's newest entry, or {@link #BEFORE_ALL} when it is empty or missing. */
    Uni<String> lastId(String stream) {
        return uni(() -> api.xrevrange(List.of(stream, "+", "-", "COUNT", "1")))
                .map(reply -> reply == null || reply.size() == 0 ? BEFORE_ALL : reply.get(0).get(0).toString());
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }

    private static <T> Uni<T> uni(Supplier<Future<T>> command) {
        return Uni.createFrom().completionStage(() -> command.get().toCompletionStage());
    }

    /** RESP2 XREAD: null on timeout, else [[stream, [[id, [field, value, …]], …]]]. */
    private static List<StreamEntry> entriesOfXread(Response reply) {
        List<StreamEntry> entries = new ArrayList<>();
        if (reply == null) {
            return entries;
        }
        for (Response stream : reply) {
            for (Response entry : stream.get(1)) {
                entries.add(new StreamEntry(entry.get(0).toString(), fields(entry.get(1))));
            }
        }
        return entries;
    }

    private static Map<String, String> fields(Response flat) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            Response value = flat.get(i + 1);
            fields.put(flat.get(i).toString(), value == null ? null : value.toString());
        }
        return fields;
    }
}
