package dev.workflowchat.agent;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a listener should have heard, failing after 5 s. */
final class Listening {

    private Listening() {
    }

    static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not heard within 5 s");
            }
            ChatSimulator.sleep(20);
        }
    }
}
