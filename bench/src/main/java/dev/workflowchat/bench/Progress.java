package dev.workflowchat.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Waiting for what the event loops count: until it is all there, or nothing more came for a while. */
final class Progress {

    private static final long POLL_MILLIS = 20;

    private Progress() {
    }

    /**
     * Returns when {@code done} holds, or when {@code progress} (a count that only grows) stood
     * still for {@code quiet}: what has not come by then is counted as lost by the caller.
     */
    static void awaitDoneOrQuiet(BooleanSupplier done, LongSupplier progress, Duration quiet)
            throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        while (!done.getAsBoolean()) {
            long now = progress.getAsLong();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > quiet.toNanos()) {
                return;
            }
            Thread.sleep(POLL_MILLIS); // counters the event loops update offer nothing to wait on
        }
    }
}
