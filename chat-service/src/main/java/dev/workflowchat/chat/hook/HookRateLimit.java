package dev.workflowchat.chat.hook;

import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.config.HookSettings;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * So many requests per hook per window, counted in Redis so every replica sees the same count; the
 * window starts with its first request. With Redis away nothing is refused (the delivery needs only
 * PostgreSQL), and that is logged, as the login throttle does.
 */
@ApplicationScoped
public class HookRateLimit {

    private static final Duration REDIS_WAIT = Duration.ofSeconds(1);
    /** The count after this request, and the window's time left (ms). */
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {n, redis.call('PTTL', KEYS[1])}""";

    private final ReactiveRedisDataSource redis;
    private final String keyPrefix;
    private final HookSettings limits;

    public HookRateLimit(ReactiveRedisDataSource redis, RedisNames names, ChatConfig config) {
        this.redis = redis;
        this.keyPrefix = names.prefix() + ":hooks:requests:";
        this.limits = config.hooks();
    }

    /** Counts a request; fails with a rate-limited refusal carrying the wait when it is one too many. */
    public Uni<Void> acquire(UUID hookId) {
        return Reconnect.bounded(redis.execute("EVAL", COUNT, "1", keyPrefix + hookId,
                        String.valueOf(limits.window().toMillis())), REDIS_WAIT, "counting a hook's requests")
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("could not count a hook's requests in Redis (%s); this one is not limited", failure.getMessage());
                    return null;
                })
                .invoke(counted -> {
                    if (counted != null && counted.get(0).toLong() > limits.requestsPerWindow()) {
                        long left = counted.get(1).toLong();
                        throw HookRefusal.rateLimited(Duration.ofMillis(left > 0 ? left : limits.window().toMillis()));
                    }
                })
                .replaceWithVoid();
    }
}
