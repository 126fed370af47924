package dev.workflowchat.bench;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4: C idle, authenticated connections (each waits for its {@code ready} frame); how
 * fast they open, and what they cost the server: RSS and live heap (after a full GC) per
 * connection.
 */
final class Connections {

    private static final long RSS_TARGET_BYTES = 1_500L * 1024 * 1024;

    private final Run run;

    Connections(Run run) {
        this.run = run;
    }

    Result run(ServerStats stats) throws Exception {
        int count = run.options().number("connections.count");
        Result result = new Result("connections", "Connections",
                String.format("%,d idle authenticated connections (bearer token, ready frame awaited), %d at a time",
                        count, 64));
        run.tokens();
        boolean collected = ServerStats.collectGarbage(run.target());
        long rssBefore = stats.rssBytes();
        long heapBefore = stats.heapUsedBytes();
        Optional<HeapHistogram> objectsBefore = HeapHistogram.of(run.target());
        Latencies ready = new Latencies("connect → ready");
        try (Sockets connections = new Sockets(run.vertx(), run.target())) {
            long start = System.nanoTime();
            long ticker = run.vertx().setPeriodic(1000, ignored -> ready.tick());
            // each connection's time to ready, measured from when it was asked for
            List<String> tokens = run.tokens();
            java.util.concurrent.Semaphore opening = new java.util.concurrent.Semaphore(64);
            java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
            for (int i = 0; i < count; i++) {
                opening.acquire();
                long asked = System.nanoTime();
                connections.connect(tokens.get(i % tokens.size()), frame -> { })
                        .onComplete(done -> {
                            if (done.succeeded()) {
                                ready.since(asked);
                            } else {
                                failed.incrementAndGet();
                            }
                            opening.release();
                        });
            }
            if (!opening.tryAcquire(64, 2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("connections still opening after 2 minutes");
            }
            long opened = System.nanoTime();
            run.vertx().cancelTimer(ticker);
            collected &= ServerStats.collectGarbage(run.target());
            long rssAfter = stats.rssBytes();
            long heapAfter = stats.heapUsedBytes();
            int open = connections.openCount();
            // what the growth is made of, by class (connections-heap.txt beside the report)
            objectsBefore.ifPresent(before -> HeapHistogram.of(run.target()).ifPresent(after -> after.writeGrowthSince(
                    before, Math.max(1, open), run.reportDir().resolve("connections-heap.txt"))));
            double seconds = (opened - start) / 1e9;
            result.figure("connections open / failed", String.format("%,d / %,d", open, failed.get()))
                    .figure("connect rate", String.format("%,.0f connections/s (%.1f s for all)", count / seconds, seconds))
                    .latency("connect → ready", ready.summary())
                    .figure("server RSS before / with connections", mib(rssBefore) + " / " + mib(rssAfter))
                    .figure("server heap (live" + (collected ? ", after full GC" : "") + ") before / with connections",
                            mib(heapBefore) + " / " + mib(heapAfter))
                    .figure("per connection: RSS / heap", perConnection(rssAfter - rssBefore, open) + " / "
                            + perConnection(heapAfter - heapBefore, open))
                    .fact("open", open).fact("failed", failed.get()).fact("rss_bytes", rssAfter)
                    .plot(Plots.latencyOverTime(run.reportDir().resolve("connections-latency.png"),
                            String.format("Connections: %,d opened, connect → ready", count), List.of(ready)));
            boolean fullSize = count >= 10_000;
            result.check("10,000 idle connections with the chat-service's RSS ≤ 1.5 GB",
                    fullSize && open == count && rssAfter > 0 && rssAfter <= RSS_TARGET_BYTES,
                    String.format("%s: %,d open, RSS %s", fullSize ? "at full size" : "smaller run", open, mib(rssAfter)));
        }
        return result;
    }

    static String mib(long bytes) {
        return bytes < 0 ? "unknown" : String.format("%,.0f MiB", bytes / 1024.0 / 1024.0);
    }

    private static String perConnection(long bytes, int connections) {
        return connections == 0 || bytes < 0 ? "unknown" : String.format("%,.1f KiB", bytes / 1024.0 / connections);
    }
}
