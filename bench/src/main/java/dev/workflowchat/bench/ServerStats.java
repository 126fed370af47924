package dev.workflowchat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's CPU and memory while a scenario runs: CPU and RSS from {@code /proc} when the
 * process is known, the JVM heap from the service's own Prometheus metrics; and where the whole
 * machine's time went, in all and second by second ({@link MachineShare}).
 */
final class ServerStats implements AutoCloseable {

    /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
    static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern HEAP_USED =
            Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final OptionalLong pid;
    private final URI metrics;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "server-stats");
        thread.setDaemon(true);
        return thread;
    });
    private final MachineShare machine;
    private final MachineShare.Snapshot machineAtStart;
    private final List<Second> seconds = new ArrayList<>();
    private MachineShare.Snapshot machineLast;
    private volatile long maxRssBytes;
    private volatile double maxCpuPercent;

    private ServerStats(Target target) {
        this.pid = target.pid();
        this.metrics = target.management().resolve("/q/metrics");
        this.machine = MachineShare.of(pid);
        this.machineAtStart = machine.snapshot();
        this.machineLast = machineAtStart;
        this.maxRssBytes = rssBytes();
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts sampling now; {@link #close()} stops. */
    static ServerStats watch(Target target) {
        return new ServerStats(target);
    }

    private synchronized void sample() {
        maxRssBytes = Math.max(maxRssBytes, rssBytes());
        MachineShare.Snapshot snapshot = machine.snapshot();
        MachineShare.Share second = MachineShare.Share.between(machineLast, snapshot);
        seconds.add(new Second(snapshot.nanos(), second));
        maxCpuPercent = Math.max(maxCpuPercent, second.server());
        machineLast = snapshot;
    }

    /** Where the machine's time went in each second so far, ending at {@link System#nanoTime()} {@code endNanos}. */
    record Second(long endNanos, MachineShare.Share share) {
    }

    synchronized List<Second> seconds() {
        return List.copyOf(seconds);
    }

    /**
     * What one unit of work (a delivery, a message) cost the machine over a measured stretch between
     * two {@link System#nanoTime()} instants, and what a target rate would take ({@link MachineShare#timePer}).
     */
    synchronized String machineTimePer(String unit, long fromNanos, long toNanos, double perSecond,
                                       double targetPerSecond) {
        return MachineShare.timePer(unit, busyBetween(seconds, fromNanos, toNanos),
                Runtime.getRuntime().availableProcessors(), perSecond, targetPerSecond);
    }

    /**
     * How busy the machine's cores were, in percent of all of them, over the whole seconds sampled
     * inside a stretch (each sample ends a second: the sampler runs once a second); -1 when none.
     */
    static double busyBetween(List<Second> seconds, long fromNanos, long toNanos) {
        double sum = 0;
        int counted = 0;
        for (Second second : seconds) {
            if (second.endNanos() - 1_000_000_000L >= fromNanos && second.endNanos() <= toNanos) {
                sum += second.share().machineBusy();
                counted++;
            }
        }
        return counted == 0 ? -1 : sum / counted;
    }

    /** Average CPU of the server since {@link #watch}, in percent of one core; -1 when unknown. */
    synchronized double averageCpuPercent() {
        if (pid.isEmpty() || cpuTicksOf(pid.getAsLong()) < 0) {
            return -1;
        }
        return MachineShare.Share.between(machineAtStart, machine.snapshot()).server();
    }

    /**
     * Where the machine's time went since {@link #watch} ({@link MachineShare}): the physical limit
     * of a run on one machine, whose cores the load generator, PostgreSQL and Redis share.
     */
    synchronized String machine() {
        return MachineShare.Share.between(machineAtStart, machine.snapshot())
                .describe(Runtime.getRuntime().availableProcessors());
    }

    double maxCpuPercent() {
        return pid.isPresent() ? maxCpuPercent : -1;
    }

    long maxRssBytes() {
        return maxRssBytes;
    }

    /** The server's resident memory now, or -1 when the process is not known. */
    long rssBytes() {
        if (pid.isEmpty()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid.getAsLong()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use now, from the service's metrics, or -1. */
    long heapUsedBytes() {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = HEAP_USED.matcher(text);
            double total = 0;
            boolean found = false;
            while (matcher.find()) {
                total += Double.parseDouble(matcher.group(1));
                found = true;
            }
            return found ? (long) total : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Asks the server's JVM for a full GC (jcmd), so heap figures count only what is live. */
    static boolean collectGarbage(Target target) {
        return jcmd(target, "GC.run").isPresent();
    }

    /** What {@code jcmd <server pid> <command>} printed; empty when the process is not known or jcmd failed. */
    static Optional<String> jcmd(Target target, String command) {
        if (target.pid().isEmpty()) {
            return Optional.empty();
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(target.pid().getAsLong()), command)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(output)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The CPU time a process has used, user and system, in {@link #TICKS_PER_SECOND}; -1 when unknown. */
    static long cpuTicksOf(long processId) {
        MachineShare.Ticks ticks = MachineShare.ticksOf(processId);
        return ticks == null ? -1 : ticks.all();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
