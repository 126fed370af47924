package dev.workflowchat.bench;

import io.vertx.core.http.WebSocket;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 1: C clients in one channel; an agent publishes R messages a second on its own way in,
 * {@code wfchat:in:bench}, for T seconds; every client timestamps every delivery. Then a sweep over
 * C finds the largest number of clients at which p99 stays within 100 ms.
 */
final class FanOut {

    private static final String TAG = "fo";
    private static final double SWEEP_P99_MS = 100.0;

    private final Run run;
    private final AtomicReference<Round> current = new AtomicReference<>();
    private final List<WebSocket> sockets = new ArrayList<>();
    private int rounds;

    FanOut(Run run) {
        this.run = run;
    }

    Result run(ServerStats stats) throws Exception {
        Options options = run.options();
        int clients = options.number("fanout.clients");
        int rate = options.number("fanout.rate");
        int seconds = options.number("fanout.seconds");
        String channel = run.channel("fanout");
        Result result = new Result("fanout", "Fan-out",
                String.format("%,d clients in one channel; an agent publishes %d messages/s on its own way in, wfchat:in:%s, "
                        + "for %d s (%,d deliveries/s asked for)", clients, rate, RedisAgents.AGENT, seconds,
                        (long) clients * rate));
        try (Sockets connections = new Sockets(run.vertx(), run.target());
             RedisAgents agent = new RedisAgents(run.vertx(), run.target())) {
            openUpTo(connections, clients);
            Round main = round(agent, channel, clients, rate, seconds);
            Latencies.Summary latency = main.latency.summary();
            result.figure("deliveries expected", String.format("%,d", main.expected()))
                    .figure("deliveries received (distinct)", String.format("%,d", main.distinct.get()))
                    .figure("lost / duplicated", main.lost() + " / " + main.duplicates.get())
                    .figure("deliveries/s (while publishing)", String.format("%,.0f", main.deliveriesPerSecond()))
                    .figure("the machine's time (while publishing)", stats.machineTimePer("delivery",
                            main.startNanos, main.endNanos(), main.deliveriesPerSecond(), (double) clients * rate))
                    .latency("publish → receipt", latency)
                    .fact("lost", main.lost()).fact("duplicates", main.duplicates.get())
                    .fact("p99_ms", latency.p99())
                    .plot(Plots.latencyOverTime(run.reportDir().resolve("fanout-latency.png"),
                            String.format("Fan-out: %,d clients × %d msg/s, publish → receipt", clients, rate),
                            List.of(main.latency)))
                    .plot(Plots.lines(run.reportDir().resolve("fanout-cpu.png"),
                            "Fan-out: where the machine's time went, second by second", "second of the run",
                            "CPU (% of one core)", cpuBySecond(stats, main)));
            boolean fullSize = clients >= 1000 && rate >= 100 && seconds >= 60;
            result.check("1,000 clients × 100 msg/s for 60 s: p99 ≤ 50 ms and nothing lost",
                    fullSize && latency.p99() <= 50 && main.lost() == 0,
                    String.format("%s: p99 %.1f ms, %d lost", fullSize ? "at full size" : "smaller run",
                            latency.p99(), main.lost()));

            sweep(connections, agent, channel, rate, result);
        }
        return result;
    }

    /**
     * The machine's time in each second of the round, on the latency plot's seconds: a second whose
     * latency jumps is explained here, or is not the machine's (a collector's pause, a lock).
     */
    private static Map<String, List<double[]>> cpuBySecond(ServerStats stats, Round round) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String name : List.of("machine (both cores)", "server", "server compiling", "load generator",
                "load generator compiling", "PostgreSQL", "Redis")) {
            series.put(name, new ArrayList<>());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        for (ServerStats.Second second : stats.seconds()) {
            double at = (second.endNanos() - round.startNanos) / 1e9;
            if (at < 0 || second.endNanos() > Math.max(round.publishedAtNanos, round.lastReceiptNanos) + 1_000_000_000L) {
                continue;
            }
            MachineShare.Share share = second.share();
            series.get("machine (both cores)").add(new double[] {at, share.machineBusy() * cores});
            series.get("server").add(new double[] {at, share.server()});
            series.get("server compiling").add(new double[] {at, share.compiling()});
            series.get("load generator").add(new double[] {at, share.generator()});
            series.get("load generator compiling").add(new double[] {at, share.generatorCompiling()});
            series.get("PostgreSQL").add(new double[] {at, share.postgres()});
            series.get("Redis").add(new double[] {at, share.redis()});
        }
        return series;
    }

    private void sweep(Sockets connections, RedisAgents agent, String channel, int rate, Result result)
            throws Exception {
        int seconds = run.options().number("fanout.sweep-seconds");
        // fresh connections, added step by step: every open connection takes every broadcast
        connections.close();
        sockets.clear();
        try (Sockets stepped = new Sockets(run.vertx(), run.target())) {
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            List<double[]> p99s = new ArrayList<>();
            List<double[]> p50s = new ArrayList<>();
            int largestWithin = 0;
            StringBuilder steps = new StringBuilder();
            for (int clients : run.options().numbers("fanout.sweep")) {
                openUpTo(stepped, clients);
                Round step = round(agent, channel, clients, rate, seconds);
                Latencies.Summary latency = step.latency.summary();
                p99s.add(new double[] {clients, latency.p99()});
                p50s.add(new double[] {clients, latency.p50()});
                steps.append(String.format("%s%,d → p99 %.1f ms, %d lost", steps.length() == 0 ? "" : "; ",
                        clients, latency.p99(), step.lost()));
                if (latency.p99() <= SWEEP_P99_MS && step.lost() == 0) {
                    largestWithin = clients;
                }
            }
            series.put("p50", p50s);
            series.put("p99", p99s);
            result.figure(String.format("sweep at %d msg/s, %d s per step (clients → p99)", rate, seconds), steps)
                    .figure("largest C with p99 ≤ 100 ms", String.format("%,d", largestWithin))
                    .fact("largest_clients_within_100ms", largestWithin)
                    .plot(Plots.lines(run.reportDir().resolve("fanout-sweep.png"),
                            "Fan-out: latency by number of clients (" + rate + " msg/s)", "clients", "latency (ms)",
                            series));
        }
    }

    private void openUpTo(Sockets connections, int clients) throws InterruptedException {
        int already = sockets.size();
        if (clients > already) {
            sockets.addAll(connections.connectAll(clients - already, run.tokens(), index -> {
                int client = already + index;
                return frame -> {
                    Round round = current.get();
                    if (round != null) {
                        round.received(client, frame);
                    }
                };
            }));
        }
    }

    /** Publishes for {@code seconds}, then waits (bounded) for the last deliveries. */
    private Round round(RedisAgents agent, String channel, int clients, int rate, int seconds) throws Exception {
        Round round = new Round(clients, (long) rate * seconds);
        current.set(round);
        long ticker = run.vertx().setPeriodic(1000, ignored -> round.latency.tick());
        CompletableFuture<Void> published = new CompletableFuture<>();
        long start = System.nanoTime();
        round.startNanos = start;
        AtomicLong sent = new AtomicLong();
        // envelope ids unique per round: an id seen before would (rightly) be applied only once
        String prefix = "bench-" + run.id() + "-" + TAG + "-" + (++rounds) + "-";
        run.vertx().setPeriodic(5, timer -> {
            long due = Math.min(round.published, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
            while (sent.get() < due) {
                long number = sent.getAndIncrement();
                agent.publish(RedisAgents.message(prefix + number, RedisAgents.AGENT, channel,
                        Markers.of(TAG, number, System.nanoTime())));
            }
            if (sent.get() >= round.published) {
                run.vertx().cancelTimer(timer);
                published.complete(null);
            }
        });
        published.get(seconds + 60L, TimeUnit.SECONDS);
        round.publishedAtNanos = System.nanoTime();
        round.awaitDeliveries();
        run.vertx().cancelTimer(ticker);
        current.set(null);
        return round;
    }

    /** One measured stretch: what each client received. */
    private static final class Round {

        private static final java.time.Duration QUIET = java.time.Duration.ofSeconds(10);

        final Latencies latency = new Latencies("publish → receipt");
        final long published;
        final BitSet[] seen;
        final AtomicLong distinct = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        volatile long lastReceiptNanos;
        volatile long startNanos;
        volatile long publishedAtNanos;

        Round(int clients, long published) {
            this.published = published;
            this.seen = new BitSet[clients];
            for (int i = 0; i < clients; i++) {
                seen[i] = new BitSet((int) published);
            }
        }

        void received(int client, String frame) {
            long[] marker = Markers.read(frame, TAG, 2);
            if (marker == null || client >= seen.length) {
                return;
            }
            latency.since(marker[1]);
            BitSet bits = seen[client];
            synchronized (bits) {
                if (bits.get((int) marker[0])) {
                    duplicates.incrementAndGet();
                    return;
                }
                bits.set((int) marker[0]);
            }
            distinct.incrementAndGet();
            lastReceiptNanos = System.nanoTime();
        }

        long expected() {
            return published * seen.length;
        }

        long lost() {
            return expected() - distinct.get();
        }

        double deliveriesPerSecond() {
            return distinct.get() / ((endNanos() - startNanos) / 1e9);
        }

        long endNanos() {
            return Math.max(publishedAtNanos, lastReceiptNanos);
        }

        /** Until every delivery came, or none came for a while. */
        void awaitDeliveries() throws InterruptedException {
            Progress.awaitDoneOrQuiet(() -> distinct.get() >= expected(), distinct::get, QUIET);
        }
    }
}
