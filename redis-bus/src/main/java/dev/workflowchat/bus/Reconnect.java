package dev.workflowchat.bus;

import java.time.Duration;

/**
 * How long the bus waits before trying Redis again. Mutiny's backoff never resets its attempt
 * count, so after one long outage every later retry waits the cap: the cap is kept short, so
 * that a restarted Redis is back in use within a few seconds, not tens.
 */
final class Reconnect {

    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration MAX_RETRY = Duration.ofSeconds(2);

    private Reconnect() {
    }
}
