package dev.workflowchat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one kind (e.g. publish → receipt), recorded from any thread in microseconds, with
 * a per-second series of percentiles for the plot. Call {@link #tick()} once a second.
 */
final class Latencies {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final String name;
    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
    private final List<Second> seconds = new ArrayList<>();
    private Histogram interval;

    Latencies(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Records the time from {@code startNanos} (a {@link System#nanoTime()} of this JVM) until now. */
    void since(long startNanos) {
        record(System.nanoTime() - startNanos);
    }

    void record(long nanos) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000)));
    }

    /** Closes the current second: its percentiles join the series. */
    synchronized void tick() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        if (interval.getTotalCount() > 0) {
            seconds.add(new Second(seconds.size() + 1, interval.getTotalCount(), millis(interval.getValueAtPercentile(50)),
                    millis(interval.getValueAtPercentile(99)), millis(interval.getMaxValue())));
        } else {
            seconds.add(new Second(seconds.size() + 1, 0, Double.NaN, Double.NaN, Double.NaN));
        }
    }

    /** Everything recorded so far (ticks first, so nothing recorded is left out). */
    synchronized Summary summary() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return new Summary(total.getTotalCount(), millis(total.getValueAtPercentile(50)),
                millis(total.getValueAtPercentile(95)), millis(total.getValueAtPercentile(99)),
                millis(total.getMaxValue()));
    }

    synchronized List<Second> seconds() {
        return List.copyOf(seconds);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    /** The percentiles of everything recorded, in milliseconds. */
    record Summary(long count, double p50, double p95, double p99, double max) {
    }

    /** One second of the run: how many were recorded, and their p50, p99 and max in milliseconds. */
    record Second(int second, long count, double p50, double p99, double max) {
    }
}
