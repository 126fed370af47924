package dev.workflowchat.chat.security;

import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * Slows password guessing, counted in Redis so every replica sees the same counts: after
 * {@code maxFailures} failed logins for one username from one address, that pair is refused
 * (right password or not) until the window that began with its first failure ends; after
 * {@code maxFailuresPerUser} for one username from any addresses, every address is. The second
 * limit is what holds against a guesser who changes address, or forges {@code X-Forwarded-For},
 * at every try. Counts are keyed by a hash, so a name can't shape a Redis key. With Redis away
 * nothing is refused (login needs only PostgreSQL), and that is logged.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Redis should answer in milliseconds; a login does not wait long for it. */
    private static final Duration REDIS_WAIT = Duration.ofSeconds(1);
    /** Each key's count and remaining time to live, in milliseconds (-2: no key). */
    private static final String READ = """
            local r = {}
            for i, k in ipairs(KEYS) do
              r[2 * i - 1] = tonumber(redis.call('GET', k) or '0')
              r[2 * i] = redis.call('PTTL', k)
            end
            return r""";
    /** Counts a failure on each key; a key's window starts with its first failure. */
    private static final String COUNT = """
            for i, k in ipairs(KEYS) do
              if redis.call('INCR', k) == 1 then redis.call('PEXPIRE', k, ARGV[1]) end
            end
            return 1""";

    private final ReactiveRedisDataSource redis;
    private final String keyPrefix;
    private final int maxFailures;
    private final int maxFailuresPerUser;
    private final Duration window;

    @Inject
    public LoginThrottle(ReactiveRedisDataSource redis, RedisNames names, ChatConfig config) {
        this(redis, names, config.login().maxFailures(), config.login().maxFailuresPerUser(), config.login().failureWindow());
    }

    LoginThrottle(ReactiveRedisDataSource redis, RedisNames names, int maxFailures, int maxFailuresPerUser, Duration window) {
        this.redis = redis;
        this.keyPrefix = names.prefix() + ":login:failures:";
        this.maxFailures = maxFailures;
        this.maxFailuresPerUser = maxFailuresPerUser;
        this.window = window;
    }

    /** How long this username from this address must still wait before it may try again; zero when it may try now. */
    public Uni<Duration> retryAfter(String username, String address) {
        return Reconnect.bounded(redis.execute("EVAL", READ, "2", pairKey(username, address), userKey(username)),
                        REDIS_WAIT, "reading failed logins")
                .map(counts -> {
                    long wait = Math.max(waitFor(counts, 0, maxFailures), waitFor(counts, 2, maxFailuresPerUser));
                    return Duration.ofMillis(wait);
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("could not read failed logins from Redis (%s); this login is not throttled", failure.getMessage());
                    return Duration.ZERO;
                });
    }

    public Uni<Void> failed(String username, String address) {
        return Reconnect.bounded(redis.execute("EVAL", COUNT, "2", pairKey(username, address), userKey(username),
                        String.valueOf(window.toMillis())), REDIS_WAIT, "counting a failed login")
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("could not count a failed login in Redis: %s", failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * A right password (while not refused) forgets the pair's earlier slips; the username's own
     * count stays, so logging in now and then from one address doesn't reset a guesser elsewhere.
     */
    public Uni<Void> succeeded(String username, String address) {
        return Reconnect.bounded(redis.key().del(pairKey(username, address)), REDIS_WAIT, "forgetting failed logins")
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    Log.debugf("could not forget failed logins: %s", failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The time left on the key at {@code at} (its count, then its time to live) when its count reached the limit. */
    private static long waitFor(Response counts, int at, int limit) {
        long count = counts.get(at).toLong();
        long ttl = counts.get(at + 1).toLong();
        return count >= limit && ttl > 0 ? ttl : 0;
    }

    private String pairKey(String username, String address) {
        return keyPrefix + "pair:" + SessionTokens.hash(normalised(username) + '\n' + address);
    }

    private String userKey(String username) {
        return keyPrefix + "user:" + SessionTokens.hash(normalised(username));
    }

    private static String normalised(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
