package dev.workflowchat.agent;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a listener should have heard, failing after 5 s. */
final class Listening {

    private Listening() {
    }

    static void until(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }

    /** The condition holds for {@code quiet} (nothing more arrives), checked for at most a second more. */
    static void stays(BooleanSupplier condition, Duration quiet) {
        await().during(quiet).atMost(quiet.plusSeconds(1)).until(condition::getAsBoolean);
    }
}
