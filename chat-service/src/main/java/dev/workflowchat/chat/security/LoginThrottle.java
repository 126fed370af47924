package dev.workflowchat.chat.security;

import dev.workflowchat.chat.config.ChatConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one username from one
 * address within {@code window}, that pair is refused, right password or not, until the window
 * that began with its first failure is over. Kept per replica, in memory: an attacker spread over
 * replicas gets a few more guesses, never unlimited ones.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Beyond this many tracked pairs, lapsed ones are swept out, so guessing many names can't grow memory for ever. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int maxFailures;
    private final long windowNanos;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    public LoginThrottle(ChatConfig config) {
        this(config.login().maxFailures(), config.login().failureWindow());
    }

    LoginThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
    }

    /** How long this pair must still wait before it may try again; zero when it may try now. */
    public Duration retryAfter(String username, String address, long nowNanos) {
        Failures seen = failures.get(key(username, address));
        if (seen == null || seen.lapsed(nowNanos, windowNanos) || seen.count < maxFailures) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(seen.firstAt + windowNanos - nowNanos);
    }

    public void failed(String username, String address, long nowNanos) {
        if (failures.size() > SWEEP_ABOVE) {
            failures.values().removeIf(seen -> seen.lapsed(nowNanos, windowNanos));
        }
        failures.compute(key(username, address), (key, seen) -> seen == null || seen.lapsed(nowNanos, windowNanos)
                ? new Failures(nowNanos, 1)
                : new Failures(seen.firstAt, seen.count + 1));
    }

    /** A right password (while not refused) forgets the pair's earlier slips. */
    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name + '\n' + address;
    }

    private record Failures(long firstAt, int count) {
        boolean lapsed(long nowNanos, long windowNanos) {
            return nowNanos - firstAt >= windowNanos;
        }
    }
}
