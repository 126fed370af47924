package dev.workflowchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 3: an agent adds N messages to its own way in ({@code wfchat:in:bench:stream}, the one
 * the chat-service reads with every agent's) as fast as Redis takes them; how
 * fast they are persisted, when the last one is in the history, and that each reached every
 * connected client.
 */
final class Ingest {

    private static final String TAG = "in";
    private static final int PIPELINE = 500;
    /** The second pass's target (issue #22); the first pass asked for 10,000. */
    private static final double TARGET_PER_SECOND = 12_000;
    private static final java.time.Duration QUIET = java.time.Duration.ofSeconds(30);
    /** Longer than the chat-service's default look for agents' streams (10 s). */
    private static final java.time.Duration FOUND_WITHIN = java.time.Duration.ofSeconds(60);

    private final Run run;
    private final Latencies latency = new Latencies("XADD → receipt");
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    Ingest(Run run) {
        this.run = run;
    }

    Result run(ServerStats stats) throws Exception {
        int messages = run.options().number("ingest.messages");
        int clients = run.options().number("ingest.clients");
        String channel = run.channel("ingest");
        Result result = new Result("ingest", "Ingest", String.format(
                "an agent XADDs %,d messages to its own way in, wfchat:in:%s:stream, as fast as it can (pipelines of %d); "
                        + "%d clients connected", messages, RedisAgents.AGENT, PIPELINE, clients));
        BitSet[] seen = new BitSet[clients];
        for (int i = 0; i < clients; i++) {
            seen[i] = new BitSet(messages);
        }
        try (Sockets connections = new Sockets(run.vertx(), run.target());
             RedisAgents agents = new RedisAgents(run.vertx(), run.target())) {
            connections.connectAll(clients, run.tokens(), client -> frame -> {
                long[] marker = Markers.read(frame, TAG, 2);
                if (marker == null) {
                    return;
                }
                latency.since(marker[1]);
                synchronized (seen[client]) {
                    if (seen[client].get((int) marker[0])) {
                        duplicates.incrementAndGet();
                        return;
                    }
                    seen[client].set((int) marker[0]);
                }
                distinct.incrementAndGet();
            });
            // the clock starts once the chat-service reads the agent's stream, not while it looks for it
            agents.awaitReadByTheChat(FOUND_WITHIN);
            long ticker = run.vertx().setPeriodic(1000, ignored -> latency.tick());
            long start = System.nanoTime();
            String prefix = "bench-" + run.id() + "-" + TAG + "-";
            for (int first = 0; first < messages; first += PIPELINE) {
                List<String> batch = new ArrayList<>(PIPELINE);
                for (int n = first; n < Math.min(messages, first + PIPELINE); n++) {
                    batch.add(RedisAgents.message(prefix + n, RedisAgents.AGENT, channel,
                            Markers.of(TAG, n, System.nanoTime())));
                }
                agents.add(batch).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            long added = System.nanoTime();
            long inHistory = awaitLastInHistory(channel, Markers.of(TAG, messages - 1), start);
            long delivered = awaitDeliveries((long) messages * clients);
            run.vertx().cancelTimer(ticker);

            double addSeconds = (added - start) / 1e9;
            double persistSeconds = (inHistory - start) / 1e9;
            double perSecond = messages / persistSeconds;
            long lost = (long) messages * clients - distinct.get();
            result.figure("XADD rate (agents' side)", String.format("%,.0f messages/s", messages / addSeconds))
                    .figure("time until the last is in the history", String.format("%.2f s", persistSeconds))
                    .figure("persisted", String.format("%,.0f messages/s", perSecond))
                    .figure("the machine's time (until the last is in the history)",
                            stats.machineTimePer("message", start, inHistory, perSecond, TARGET_PER_SECOND))
                    .figure("deliveries expected / received / duplicated", String.format("%,d / %,d / %,d",
                            (long) messages * clients, distinct.get(), duplicates.get()))
                    .figure("delivered to every client by", String.format("%.2f s", (delivered - start) / 1e9))
                    .latency("XADD → receipt", latency.summary())
                    .fact("persisted_per_second", perSecond).fact("lost", lost).fact("duplicates", duplicates.get())
                    .check("≥ 12,000 agent messages/s persisted, each delivered to connected clients",
                            perSecond >= TARGET_PER_SECOND && lost == 0,
                            String.format("%,.0f messages/s, %,d deliveries missing", perSecond, lost))
                    .plot(Plots.latencyOverTime(run.reportDir().resolve("ingest-latency.png"),
                            String.format("Ingest: %,d messages through wfchat:in:%s:stream", messages, RedisAgents.AGENT),
                            List.of(latency)));
        }
        return result;
    }

    /** When the history's newest message is the last one added (they are applied in stream order). */
    private long awaitLastInHistory(String channel, String lastContent, long start) throws InterruptedException {
        String token = run.tokens().get(0);
        while (true) {
            JsonNode newest = run.api().newestMessage(channel, token);
            if (newest != null && lastContent.equals(newest.path("content").asText().replaceFirst(" \\d+$", ""))) {
                return System.nanoTime();
            }
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(15)) {
                throw new IllegalStateException("the last message was not in the history after 15 minutes");
            }
            Thread.sleep(50); // polling the history over REST, as a client would
        }
    }

    private long awaitDeliveries(long expected) throws InterruptedException {
        Progress.awaitDoneOrQuiet(() -> distinct.get() >= expected, distinct::get, QUIET);
        return System.nanoTime();
    }
}
