package dev.workflowchat.bench;

import io.vertx.core.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 2: C clients in K channels, each sending r messages a second over its WebSocket;
 * send → ack, and send → receipt by the others in the channel. Each client looks at its own
 * channel ({@code focus}, unless {@code --conversation.focus=false}, the clients of protocol
 * version 1): the other channels reach it as {@code unread} frames, whose lateness is measured
 * from the send of the newest message each one counts.
 */
final class Conversation {

    private static final String TAG = "cv";
    private static final java.time.Duration QUIET = java.time.Duration.ofSeconds(10);

    private final Run run;
    private final Latencies ack = new Latencies("send → ack");
    private final Latencies receipt = new Latencies("send → others' receipt");
    private final Latencies unreadLate = new Latencies("send → unread frame elsewhere");
    /** seq → when the message with that seq was sent, so an unread frame's latest_seq says how late it is. */
    private final Map<Long, Long> sentAtBySeq = new ConcurrentHashMap<>();
    private final AtomicLong unreadFrames = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();
    private AtomicLong[] ackedIn;

    /** Its options are {@code <scenario>.clients}, {@code .channels}, {@code .rate}, {@code .seconds}, {@code .focus}. */
    private final String scenario;

    Conversation(Run run, String scenario) {
        this.run = run;
        this.scenario = scenario;
    }

    Result run() throws Exception {
        Options options = run.options();
        int clients = options.number(scenario + ".clients");
        int channelCount = options.number(scenario + ".channels");
        // messages a second per client: 0.2 is one every five seconds
        double rate = Double.parseDouble(options.text(scenario + ".rate"));
        int seconds = options.number(scenario + ".seconds");
        boolean focus = !"false".equals(options.text(scenario + ".focus", "true"));
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < channelCount; i++) {
            channels.add(run.channel(scenario.replace("conversation", "conv") + i));
        }
        Result result = new Result(scenario, "conversation".equals(scenario) ? "Conversation" : "Conversation, wide", String.format(
                "%,d clients in %d channels, each sending %s message(s)/s over its WebSocket for %d s, %s",
                clients, channelCount, decimal(rate), seconds, focus ? "each looking at its channel (focus)"
                        : "none saying what it looks at (every frame to everyone)"));
        ackedIn = new AtomicLong[channelCount];
        for (int i = 0; i < channelCount; i++) {
            ackedIn[i] = new AtomicLong();
        }
        List<Map<String, Long>> pending = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            pending.add(new ConcurrentHashMap<>());
        }
        try (Sockets connections = new Sockets(run.vertx(), run.target())) {
            List<WebSocket> sockets = connections.connectAll(clients, run.tokens(), client -> frame -> {
                String ref = Markers.ackRef(frame);
                if (ref != null) {
                    Long at = pending.get(client).remove(ref);
                    if (at != null) {
                        if (frame.contains("\"type\":\"error\"")) {
                            errors.incrementAndGet();
                            firstErrors.putIfAbsent(frame.replaceAll("\"ref\":\"[^\"]*\"", ""), ref);
                        } else {
                            ack.since(at);
                            long seq = Markers.number(frame, "\"seq\":");
                            if (seq > 0) {
                                sentAtBySeq.put(seq, at);
                            }
                            acked.incrementAndGet();
                            ackedIn[client % channelCount].incrementAndGet();
                        }
                    }
                    return;
                }
                if (frame.startsWith("{\"type\":\"unread\"")) {
                    unreadFrames.incrementAndGet();
                    Long at = sentAtBySeq.get(Markers.number(frame, "\"latest_seq\":"));
                    if (at != null) {
                        unreadLate.since(at);
                    }
                    return;
                }
                long[] marker = Markers.read(frame, TAG, 3);
                if (marker != null && marker[0] != client && marker[0] % channelCount == client % channelCount) {
                    receipt.since(marker[2]);
                    received.incrementAndGet();
                }
            });
            if (focus) {
                for (int i = 0; i < clients; i++) {
                    sockets.get(i).writeTextMessage("{\"type\":\"focus\",\"channels\":[\""
                            + channels.get(i % channelCount) + "\"]}");
                }
            }
            long ticker = run.vertx().setPeriodic(1000, ignored -> {
                ack.tick();
                receipt.tick();
                unreadLate.tick();
            });
            long periodMs = Math.max(1, Math.round(1000 / rate));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Long> timers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                WebSocket socket = sockets.get(i);
                String channel = channels.get(client % channelCount);
                AtomicLong number = new AtomicLong();
                // spread the clients' sends over the period instead of sending all at once
                long offset = 1 + ThreadLocalRandom.current().nextLong(periodMs);
                run.vertx().setTimer(offset, first -> timers.add(run.vertx().setPeriodic(periodMs, timer -> {
                    if (System.nanoTime() >= end) {
                        run.vertx().cancelTimer(timer);
                        return;
                    }
                    long n = number.getAndIncrement();
                    String ref = Long.toString(n);
                    long now = System.nanoTime();
                    pending.get(client).put(ref, now);
                    sent.incrementAndGet();
                    socket.writeTextMessage("{\"type\":\"message.send\",\"ref\":\"" + ref + "\",\"channel\":\"" + channel
                            + "\",\"content\":\"" + Markers.of(TAG, client, n, now) + "\"}");
                })));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the scenario's length: clients talk meanwhile
            // what is expected grows with each ack still coming: counted again at each look
            Progress.awaitDoneOrQuiet(() -> acked.get() + errors.get() >= sent.get()
                            && received.get() >= expectedReceipts(clients, channelCount),
                    () -> received.get() + acked.get(), QUIET);
            run.vertx().cancelTimer(ticker);
        }
        long expectedReceipts = expectedReceipts(clients, channelCount);
        Latencies.Summary acks = ack.summary();
        Latencies.Summary receipts = receipt.summary();
        Latencies.Summary lateness = unreadLate.summary();
        result.figure("messages sent / acked / errors", String.format("%,d / %,d / %,d", sent.get(), acked.get(),
                        errors.get()))
                .figure("receipts expected / received", String.format("%,d / %,d", expectedReceipts, received.get()))
                .figure("messages/s sent", String.format("%,.0f", sent.get() / (double) seconds))
                .latency("send → ack", acks)
                .latency("send → others' receipt", receipts)
                .figure("unread frames received", String.format("%,d", unreadFrames.get()))
                .latency("send → unread frame elsewhere", lateness)
                .fact("errors", errors.get()).fact("unacked", sent.get() - acked.get() - errors.get())
                .fact("lost_receipts", expectedReceipts - received.get())
                .fact("unread_frames", unreadFrames.get())
                .plot(Plots.latencyOverTime(run.reportDir().resolve(scenario + "-latency.png"),
                        String.format("Conversation: %,d clients in %d channels, %s msg/s each", clients, channelCount,
                                decimal(rate)), focus ? List.of(ack, receipt, unreadLate) : List.of(ack, receipt)));
        long lost = expectedReceipts - received.get();
        long unacked = sent.get() - acked.get() - errors.get();
        result.check(String.format("%,d × %d channels × %s msg/s: send → ack p99 ≤ 100 ms, receipt p99 ≤ 200 ms,"
                                + " unread frames p99 ≤ 1 s late, nothing lost", clients, channelCount, decimal(rate)),
                acks.p99() <= 100 && receipts.p99() <= 200 && (!focus || lateness.p99() <= 1000)
                        && lost == 0 && unacked == 0 && errors.get() == 0,
                String.format("ack p99 %.1f ms, receipt p99 %.1f ms, unread p99 %.1f ms, %d lost, %d unacked, %d errors",
                        acks.p99(), receipts.p99(), lateness.p99(), lost, unacked, errors.get()));
        if (!firstErrors.isEmpty()) {
            result.figure("errors seen", String.join("; ", firstErrors.keySet().stream().limit(3).toList()));
        }
        return result;
    }

    private static String decimal(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** Every acked message reaches the other members of its channel. */
    private long expectedReceipts(int clients, int channelCount) {
        long expected = 0;
        for (int channel = 0; channel < channelCount; channel++) {
            long members = (clients - channel + channelCount - 1) / channelCount;
            expected += ackedIn[channel].get() * Math.max(0, members - 1);
        }
        return expected;
    }
}
