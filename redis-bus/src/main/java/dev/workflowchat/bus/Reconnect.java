package dev.workflowchat.bus;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * How the bus lives through a Redis that went away. The Vert.x Redis client has no command
 * timeout: a command sent while Redis is down or restarting may never be answered, so every
 * command here is bounded and a late one counts as a failure. Mutiny's backoff never resets its
 * attempt count, so after one long outage every later retry waits the cap: the cap is kept
 * short, so that a restarted Redis is back in use within a few seconds.
 */
public final class Reconnect {

    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration MAX_RETRY = Duration.ofSeconds(2);
    /** Longer than any answer a healthy Redis takes, short enough to notice an outage soon. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private Reconnect() {
    }

    /** The command, failing if Redis has not answered within {@code wait}. */
    public static <T> Uni<T> bounded(Uni<T> command, Duration wait, String what) {
        return command.ifNoItem().after(wait)
                .failWith(() -> new RedisUnansweredException(what + ": no answer from Redis within " + wait.toSeconds() + " s"));
    }

    public static <T> Uni<T> bounded(Uni<T> command, String what) {
        return bounded(command, COMMAND_TIMEOUT, what);
    }

    /** Redis did not answer a command in time. */
    public static final class RedisUnansweredException extends RuntimeException {
        RedisUnansweredException(String message) {
            super(message);
        }
    }
}
