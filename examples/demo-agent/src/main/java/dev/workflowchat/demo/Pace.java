package dev.workflowchat.demo;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The rhythm a person can follow: a beat of about the configured pace, never twice the same. */
final class Pace {

    private final Duration beat;

    Pace(Duration beat) {
        this.beat = beat;
    }

    /** One beat, ±30 %, so four agents don't speak in lockstep. */
    void beat() throws InterruptedException {
        beats(1);
    }

    void beats(double count) throws InterruptedException {
        long millis = (long) (beat.toMillis() * count);
        long jitter = millis * 3 / 10;
        Thread.sleep(Math.max(1, millis + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1))));
    }
}
