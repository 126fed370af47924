package dev.workflowchat.chat.keys;

import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Requests per key per minute, counted in Redis so every replica counts together: a window of a
 * minute starts with a key's first request in it. With Redis away nothing is refused (the key was
 * checked against PostgreSQL), and that is logged.
 */
@ApplicationScoped
public class KeyRateLimiter {

    private static final Duration REDIS_WAIT = Duration.ofSeconds(1);
    private static final long WINDOW_MS = 60_000;
    /** The count after this request, and the window's time left (ms). */
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {n, redis.call('PTTL', KEYS[1])}""";

    private final ReactiveRedisDataSource redis;
    private final String keyPrefix;
    private final ChatConfig config;

    public KeyRateLimiter(ReactiveRedisDataSource redis, RedisNames names, ChatConfig config) {
        this.redis = redis;
        this.keyPrefix = names.prefix() + ":agent-keys:rate:";
        this.config = config;
    }

    /** Counts a request; the seconds to wait when the key is over its rate, else 0. */
    Uni<Long> count(String keyId) {
        int limit = config.mcp().requestsPerMinute();
        return Reconnect.bounded(redis.execute("EVAL", COUNT, "1", keyPrefix + keyId, String.valueOf(WINDOW_MS)),
                        REDIS_WAIT, "counting an agent key's requests")
                .map(counted -> counted.get(0).toLong() <= limit ? 0L
                        : Math.max(1L, (counted.get(1).toLong() + 999) / 1000))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("could not count agent key %s's requests in Redis (%s); not rate limited", keyId,
                            failure.getMessage());
                    return 0L;
                });
    }
}
