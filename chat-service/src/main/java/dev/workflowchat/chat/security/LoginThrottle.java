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
 * Slows password guessing, counted in Redis so every replica sees the same counts, three ways:
 * <ul>
 * <li>one username from one address: after {@code maxFailures} failures that pair is refused until
 * the window that began with its first failure ends (the guesser, not the person);</li>
 * <li>one address, any usernames: after {@code maxFailuresPerAddress} failures the address is
 * refused until its window ends (a sprayer trying a few passwords on many accounts);</li>
 * <li>one username, any addresses: after {@code maxFailuresPerUser} failures each further try must
 * wait, 1 s after the last failure and doubling up to {@code maxDelay}: a guesser with many
 * addresses is slowed to a crawl, and the person, from wherever, still logs in after a short wait.
 * Never a lockout: a hard limit here would let anyone lock anyone out.</li>
 * </ul>
 * Addresses come from {@link ClientAddresses}. Counts are keyed by a hash, so a name can't shape a
 * Redis key. With Redis away nothing is refused (login needs only PostgreSQL), and that is logged.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Redis should answer in milliseconds; a login does not wait long for it. */
    private static final Duration REDIS_WAIT = Duration.ofSeconds(1);
    /** The pair's and the address's count and time to live (ms, -2: none), the user's count and last failure, now (ms). */
    private static final String READ = """
            local r = {}
            for i = 1, 2 do
              r[2 * i - 1] = tonumber(redis.call('GET', KEYS[i]) or '0')
              r[2 * i] = redis.call('PTTL', KEYS[i])
            end
            r[5] = tonumber(redis.call('HGET', KEYS[3], 'count') or '0')
            r[6] = tonumber(redis.call('HGET', KEYS[3], 'last') or '0')
            local t = redis.call('TIME')
            r[7] = t[1] * 1000 + math.floor(t[2] / 1000)
            return r""";
    /** Counts a failure on the pair, the address and the user; each window starts with its first failure. */
    private static final String COUNT = """
            for i = 1, 2 do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
            end
            local t = redis.call('TIME')
            if redis.call('HINCRBY', KEYS[3], 'count', 1) == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[1]) end
            redis.call('HSET', KEYS[3], 'last', t[1] * 1000 + math.floor(t[2] / 1000))
            return 1""";

    private final ReactiveRedisDataSource redis;
    private final String keyPrefix;
    private final ChatConfig.Login limits;

    @Inject
    public LoginThrottle(ReactiveRedisDataSource redis, RedisNames names, ChatConfig config) {
        this(redis, names, config.login());
    }

    LoginThrottle(ReactiveRedisDataSource redis, RedisNames names, ChatConfig.Login limits) {
        this.redis = redis;
        this.keyPrefix = names.prefix() + ":login:failures:";
        this.limits = limits;
    }

    /** How long this username from this address must still wait before it may try again; zero when it may try now. */
    public Uni<Duration> retryAfter(String username, String address) {
        return Reconnect.bounded(redis.execute("EVAL", READ, "3", pairKey(username, address), addressKey(address),
                        userKey(username)), REDIS_WAIT, "reading failed logins")
                .map(counts -> Duration.ofMillis(Math.max(
                        Math.max(waitFor(counts, 0, limits.maxFailures()), waitFor(counts, 2, limits.maxFailuresPerAddress())),
                        userDelay(counts))))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("could not read failed logins from Redis (%s); this login is not throttled", failure.getMessage());
                    return Duration.ZERO;
                });
    }

    public Uni<Void> failed(String username, String address) {
        return Reconnect.bounded(redis.execute("EVAL", COUNT, "3", pairKey(username, address), addressKey(address),
                        userKey(username), String.valueOf(limits.failureWindow().toMillis())), REDIS_WAIT,
                        "counting a failed login")
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("could not count a failed login in Redis: %s", failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * A right password (while not refused) forgets the pair's earlier slips; the username's and
     * the address's counts stay, so logging in now and then doesn't reset a guesser elsewhere.
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

    /** How much of the username's growing delay is still to wait, counted from its last failure. */
    private long userDelay(Response counts) {
        long over = counts.get(4).toLong() - limits.maxFailuresPerUser();
        if (over < 0) {
            return 0;
        }
        long delay = Math.min(limits.maxDelay().toMillis(), 1000L << Math.min(over, 30));
        return Math.max(0, counts.get(5).toLong() + delay - counts.get(6).toLong());
    }

    private String pairKey(String username, String address) {
        return keyPrefix + "pair:" + SessionTokens.hash(normalised(username) + '\n' + address);
    }

    private String addressKey(String address) {
        return keyPrefix + "address:" + SessionTokens.hash(address);
    }

    private String userKey(String username) {
        return keyPrefix + "username:" + SessionTokens.hash(normalised(username));
    }

    private static String normalised(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
