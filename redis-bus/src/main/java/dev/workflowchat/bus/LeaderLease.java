package dev.workflowchat.bus;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * At most one holder of a role at a time (the state-broadcaster that applies the workflow's
 * events, the bridge that relays to Discord), by a lease in Redis with a fencing token. The lease
 * key holds {@code "<holder> <token>"} and expires unless its holder renews it; each new holder
 * takes the next token from the fence key, so a token says who came later. Both keys share a
 * hash tag ({@code {role}}), so the script runs on one node of a Redis Cluster.
 *
 * <p>A holder believes it holds the lease only until the lease's time, counted from before it
 * asked, runs out ({@link #token()}): a process paused past its lease (a long GC, {@code SIGSTOP})
 * finds on waking that it holds nothing, before it can act, and its renewal then fails because
 * another holds the key. Writes that must not come from an old holder carry the token and are
 * refused when a higher one was seen (the fencing the services' stores do).
 */
public final class LeaderLease {

    /** Takes the lease when free, renews it when this holder has it; answers the token, 0 when another holds it. */
    private static final String HOLD = """
            local held = redis.call('GET', KEYS[1])
            if not held then
              local token = redis.call('INCR', KEYS[2])
              redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. token, 'PX', ARGV[2])
              return token
            end
            local mine = ARGV[1] .. ' '
            if string.sub(held, 1, string.len(mine)) == mine then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return tonumber(string.sub(held, string.len(mine) + 1))
            end
            return 0
            """;
    /** Gives the lease back, only when this holder still has it with this token. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final ReactiveRedisDataSource redis;
    private final String leaseKey;
    private final String fenceKey;
    private final String holder;
    private final long ttlNanos;
    private volatile long token;
    private volatile long validUntilNanos;

    /**
     * @param leaseKey and {@code fenceKey}: the role's keys (one hash tag); {@code holder}: this
     *                 process, unique among the candidates (no spaces); {@code ttl}: how long a
     *                 holder that stops renewing keeps the role
     */
    public LeaderLease(ReactiveRedisDataSource redis, String leaseKey, String fenceKey, String holder, Duration ttl) {
        if (holder == null || holder.isBlank() || holder.contains(" ")) {
            throw new IllegalArgumentException("a lease holder is a name without spaces: " + holder);
        }
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("a lease lasts at least a millisecond: " + ttl);
        }
        this.redis = redis;
        this.leaseKey = leaseKey;
        this.fenceKey = fenceKey;
        this.holder = holder;
        this.ttlNanos = ttl.toNanos();
    }

    /** Takes or renews the lease; the token it is held with, or 0 when another holder has it. */
    public Uni<Long> tryHold() {
        long asked = System.nanoTime();
        return redis.execute("EVAL", HOLD, "2", leaseKey, fenceKey, holder,
                        Long.toString(TimeUnit.NANOSECONDS.toMillis(ttlNanos)))
                .map(answer -> answer == null ? 0L : answer.toLong())
                .invoke(held -> {
                    token = held;
                    // counted from before the question: the lease may have started that early
                    validUntilNanos = held > 0 ? asked + ttlNanos : 0;
                })
                .onFailure().invoke(failure -> validUntilNanos = 0);
    }

    /** The token this holder holds the lease with now, if its time has not run out. */
    public OptionalLong token() {
        long until = validUntilNanos;
        return until != 0 && System.nanoTime() - until < 0 ? OptionalLong.of(token) : OptionalLong.empty();
    }

    public boolean holds() {
        return token().isPresent();
    }

    /** Gives the lease back at once (a clean shutdown), so a standby need not wait for it to expire. */
    public Uni<Void> release() {
        long held = token;
        validUntilNanos = 0;
        if (held == 0) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("EVAL", RELEASE, "1", leaseKey, holder + " " + held).replaceWithVoid();
    }

    public String holder() {
        return holder;
    }
}
