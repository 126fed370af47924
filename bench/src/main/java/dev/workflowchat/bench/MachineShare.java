package dev.workflowchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Where the machine's CPU time went while a scenario ran, read from {@code /proc}: the server (how
 * much of it in the kernel, compiling and collecting), this load generator, PostgreSQL, Redis, and
 * the machine as a whole (busy, kernel, stolen by the hypervisor). The load generator, the server,
 * PostgreSQL and Redis share the same cores, so a target missed is explained by these figures or
 * not at all: a server starved of CPU, the kernel's share of a socket write, the JIT still at work.
 */
final class MachineShare {

    /** HotSpot's compiler threads and its collector's, by the name the kernel keeps (15 characters at most). */
    private static final List<String> COMPILING = List.of("C1 CompilerThre", "C2 CompilerThre");
    private static final List<String> COLLECTING = List.of("GC Thread", "G1 ", "VM Thread");

    private final Path proc;
    private final OptionalLong server;
    private final long generator;
    private final LongSupplier clock;

    MachineShare(Path proc, OptionalLong server, long generator, LongSupplier clock) {
        this.proc = proc;
        this.server = server;
        this.generator = generator;
        this.clock = clock;
    }

    /** The machine as this process sees it: {@code /proc}, the server when it is known, this JVM. */
    static MachineShare of(OptionalLong server) {
        return new MachineShare(Path.of("/proc"), server, ProcessHandle.current().pid(), System::nanoTime);
    }

    /** CPU time a process used: user and kernel, in ticks. */
    record Ticks(long user, long system) {
        static final Ticks NONE = new Ticks(0, 0);

        long all() {
            return user + system;
        }
    }

    /** Every count at one moment, in ticks since boot (or since each process started). */
    record Snapshot(long nanos, long machineTotal, long machineBusy, long machineKernel, long machineSteal,
                    Ticks server, long compiling, long collecting, Ticks generator, long generatorCompiling,
                    Map<Long, Long> postgres, Map<Long, Long> redis) {
    }

    Snapshot snapshot() {
        long[] machine = machine();
        Map<Long, Long> postgres = new HashMap<>();
        Map<Long, Long> redis = new HashMap<>();
        try (Stream<Path> all = Files.list(proc)) {
            all.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(dir -> {
                Stat stat = stat(dir.resolve("stat"));
                if (stat != null && stat.command().equals("postgres")) {
                    postgres.put(Long.parseLong(dir.getFileName().toString()), stat.ticks().all());
                } else if (stat != null && stat.command().equals("redis-server")) {
                    redis.put(Long.parseLong(dir.getFileName().toString()), stat.ticks().all());
                }
            });
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux): the processes count as nothing
        }
        Ticks serverTicks = Ticks.NONE;
        long[] serverThreads = new long[2];
        if (server.isPresent()) {
            Stat stat = stat(proc.resolve(String.valueOf(server.getAsLong())).resolve("stat"));
            serverTicks = stat == null ? Ticks.NONE : stat.ticks();
            serverThreads = jvmThreads(server.getAsLong());
        }
        Stat own = stat(proc.resolve(String.valueOf(generator)).resolve("stat"));
        return new Snapshot(clock.getAsLong(), machine[0], machine[1], machine[2], machine[3], serverTicks,
                serverThreads[0], serverThreads[1], own == null ? Ticks.NONE : own.ticks(), jvmThreads(generator)[0],
                postgres, redis);
    }

    /** A JVM's ticks in its compiler threads and in its collector's: 0 each when it is gone. */
    private long[] jvmThreads(long pid) {
        long[] ticks = new long[2];
        try (Stream<Path> threads = Files.list(proc.resolve(String.valueOf(pid)).resolve("task"))) {
            for (Path thread : threads.toList()) {
                Stat stat = stat(thread.resolve("stat"));
                if (stat != null && COMPILING.stream().anyMatch(stat.command()::startsWith)) {
                    ticks[0] += stat.ticks().all();
                } else if (stat != null && COLLECTING.stream().anyMatch(stat.command()::startsWith)) {
                    ticks[1] += stat.ticks().all();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone: its threads count as nothing
        }
        return ticks;
    }

    /**
     * The machine's time one unit of work took (a delivery, a message), from how busy its cores were
     * while it did {@code perSecond} of them, and what a target rate would take at that cost: the
     * physical figure a target on this machine is measured against (load generator, server,
     * PostgreSQL and Redis share the cores).
     */
    static String timePer(String unit, double machineBusyPercent, int cores, double perSecond, double targetPerSecond) {
        if (machineBusyPercent < 0 || perSecond <= 0) {
            return "unknown";
        }
        double coresBusy = machineBusyPercent / 100 * cores;
        double micros = coresBusy / perSecond * 1e6;
        return String.format("%.1f µs a %s (%.2f cores busy at %,.0f/s): %,.0f/s would take %.2f of its %d cores",
                micros, unit, coresBusy, perSecond, targetPerSecond, micros * targetPerSecond / 1e6, cores);
    }

    /** What was used between two snapshots: processes in percent of one core, the machine in percent of all its cores. */
    record Share(double machineBusy, double machineKernel, double steal, double server, double serverKernel,
                 double compiling, double collecting, double generator, double generatorKernel,
                 double generatorCompiling, double postgres, double redis) {

        static Share between(Snapshot from, Snapshot to) {
            double seconds = Math.max(1e-9, (to.nanos() - from.nanos()) / 1e9);
            double machineTicks = Math.max(1, to.machineTotal() - from.machineTotal());
            return new Share(100.0 * (to.machineBusy() - from.machineBusy()) / machineTicks,
                    100.0 * (to.machineKernel() - from.machineKernel()) / machineTicks,
                    100.0 * (to.machineSteal() - from.machineSteal()) / machineTicks,
                    percent(to.server().all() - from.server().all(), seconds),
                    percent(to.server().system() - from.server().system(), seconds),
                    percent(to.compiling() - from.compiling(), seconds),
                    percent(to.collecting() - from.collecting(), seconds),
                    percent(to.generator().all() - from.generator().all(), seconds),
                    percent(to.generator().system() - from.generator().system(), seconds),
                    percent(to.generatorCompiling() - from.generatorCompiling(), seconds),
                    percent(used(from.postgres(), to.postgres()), seconds),
                    percent(used(from.redis(), to.redis()), seconds));
        }

        /** One line for the report. */
        String describe(int cores) {
            return String.format("busy %.0f%% of %d cores (kernel %.0f%%, stolen %.0f%%); server %.0f%% of one core "
                            + "(kernel %.0f%%, compiling %.0f%%, collecting %.0f%%), load generator %.0f%% (kernel %.0f%%, "
                            + "compiling %.0f%%), PostgreSQL %.0f%%, Redis %.0f%%",
                    machineBusy, cores, machineKernel, steal, server, serverKernel, compiling, collecting, generator,
                    generatorKernel, generatorCompiling, postgres, redis);
        }

        private static double percent(long ticks, double seconds) {
            return 100.0 * Math.max(0, ticks) / ServerStats.TICKS_PER_SECOND / seconds;
        }

        /** Ticks used by a set of processes: a process that started meanwhile counts from zero, one that ended is lost. */
        private static long used(Map<Long, Long> from, Map<Long, Long> to) {
            long used = 0;
            for (Map.Entry<Long, Long> process : to.entrySet()) {
                used += process.getValue() - from.getOrDefault(process.getKey(), 0L);
            }
            return used;
        }
    }

    /** Busy, kernel and stolen ticks and all ticks, from the first line of /proc/stat; zeros when unknown. */
    private long[] machine() {
        try (Stream<String> lines = Files.lines(proc.resolve("stat"))) {
            String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
            long[] ticks = new long[9]; // user nice system idle iowait irq softirq steal, from [1]
            for (int i = 1; i < fields.length && i <= 8; i++) {
                ticks[i] = Long.parseLong(fields[i]);
            }
            long total = 0;
            for (long field : ticks) {
                total += field;
            }
            return new long[] {total, total - ticks[4] - ticks[5], ticks[3] + ticks[6] + ticks[7], ticks[8]};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    /** A process's CPU ticks so far; null when it is not there. */
    static Ticks ticksOf(long processId) {
        Stat stat = stat(Path.of("/proc", String.valueOf(processId), "stat"));
        return stat == null ? null : stat.ticks();
    }

    private record Stat(String command, Ticks ticks) {
    }

    /** A process's or thread's name and CPU ticks from its stat file; null when it is gone. */
    private static Stat stat(Path file) {
        try {
            String stat = Files.readString(file);
            // the name is between the first '(' and the last ')', and may hold spaces and brackets itself
            String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new Stat(command, new Ticks(Long.parseLong(fields[11]), Long.parseLong(fields[12])));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
