package dev.workflowchat.bus;

import dev.workflowchat.infra.RawRedis;
import dev.workflowchat.infra.TestRun;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test class's Redis: the one {@link TestRun} found (local, Testcontainers or embedded), the
 * Quarkus data source the bus is given in the services (built by hand, no Quarkus app), a plain
 * connection for the test's own commands, and key names under this run's prefix. A class
 * registers it as {@code @RegisterExtension static final BusRedis bus = new BusRedis();}: it opens
 * before the class's tests and closes after them.
 */
final class BusRedis implements BeforeAllCallback, AfterAllCallback {

    /** How long a test waits for what it expects of Redis and the bus. */
    static final Duration BOUND = Duration.ofSeconds(20);

    private final AtomicInteger keys = new AtomicInteger();
    private final List<Redis> asUsers = new ArrayList<>();
    private TestRun run;
    private Vertx vertx;
    private Redis client;
    private ReactiveRedisDataSource redis;
    private RawRedis raw;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        run = TestRun.start();
        vertx = Vertx.vertx();
        // a blocking XREADGROUP holds a connection for its whole wait: room for it and the rest
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString(run.redis().uri())
                .setMaxPoolSize(8).setMaxPoolWaiting(64));
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
        raw = RawRedis.connect(run.redis().uri());
    }

    ReactiveRedisDataSource redis() {
        return redis;
    }

    /**
     * A data source connected as the Redis user {@code user} (an ACL user the test made), so the
     * test can take commands away from it alone while the shared Redis serves everyone else.
     */
    synchronized ReactiveRedisDataSource redisAs(String user, String password) {
        String uri = run.redis().uri().replace("redis://", "redis://" + user + ":" + password + "@");
        Redis asUser = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri));
        asUsers.add(asUser);
        return new ReactiveRedisDataSourceImpl(vertx, asUser, RedisAPI.api(asUser));
    }

    /** The Vert.x the data sources run on. */
    io.vertx.core.Vertx vertx() {
        return vertx.getDelegate();
    }

    /** A key of this run no other test uses: {@code <prefix>:<what>:<n>}. */
    String key(String what) {
        return run.redisPrefix() + ":" + what + ":" + keys.incrementAndGet();
    }

    String prefix() {
        return run.redisPrefix();
    }

    /** A command on the test's own connection; not for use from two threads at once. */
    synchronized Object call(String... command) {
        return raw.call(command);
    }

    @SuppressWarnings("unchecked")
    synchronized List<Object> callForList(String... command) {
        return (List<Object>) raw.call(command);
    }

    /** XPENDING's summary: how many entries the group has delivered and not seen acknowledged. */
    long pending(String stream, String group) {
        return (Long) callForList("XPENDING", stream, group).get(0);
    }

    /** XPENDING's summary, per consumer holding any. */
    Map<String, Long> pendingByConsumer(String stream, String group) {
        Map<String, Long> byConsumer = new TreeMap<>();
        if (callForList("XPENDING", stream, group).get(3) instanceof List<?> consumers) {
            for (Object pair : consumers) {
                List<?> nameAndCount = (List<?>) pair;
                byConsumer.put(String.valueOf(nameAndCount.get(0)), Long.parseLong(String.valueOf(nameAndCount.get(1))));
            }
        }
        return byConsumer;
    }

    /** The names of the group's consumers (XINFO CONSUMERS). */
    List<String> consumers(String stream, String group) {
        return callForList("XINFO", "CONSUMERS", stream, group).stream()
                .map(info -> {
                    List<?> fields = (List<?>) info;
                    return String.valueOf(fields.get(fields.indexOf("name") + 1));
                })
                .toList();
    }

    /** Closes the connections, then the run, which drops this run's keys with its database. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (raw != null) {
                raw.close();
            }
            asUsers.forEach(Redis::close);
            if (client != null) {
                client.close();
                vertx.closeAndAwait();
            }
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }
}
