package dev.workflowchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's time, split by whom, from a {@code /proc} written by the test: two snapshots two seconds apart. */
class MachineShareTest {

    private static final long SERVER = 100;
    private static final long GENERATOR = 200;

    @TempDir
    Path proc;

    @Test
    void shouldSplitTheMachinesTimeByWhoUsedIt() throws IOException {
        AtomicLong clock = new AtomicLong();
        MachineShare share = new MachineShare(proc, OptionalLong.of(SERVER), GENERATOR, clock::get);
        // user nice system idle iowait irq softirq steal
        machine(1000, 0, 500, 3000, 100, 10, 40, 0);
        process(SERVER, "java", 5000, 2000);
        thread(SERVER, 101, "C2 CompilerThre", 900, 10);
        thread(SERVER, 102, "GC Thread#0", 50, 0);
        thread(SERVER, 103, "vert.x-eventloo", 3000, 1900);
        process(GENERATOR, "java", 800, 400);
        thread(GENERATOR, 201, "C1 CompilerThre", 100, 0);
        process(300, "postgres", 70, 30);
        process(400, "redis-server", 10, 10);
        process(500, "a) postgres (b", 1000, 1000); // not PostgreSQL: the name is all between the outer brackets
        MachineShare.Snapshot before = share.snapshot();

        clock.set(2_000_000_000L);
        machine(1000 + 200, 0, 500 + 150, 3000 + 10, 100 + 10, 10 + 5, 40 + 25, 0 + 4);
        process(SERVER, "java", 5000 + 100, 2000 + 80);
        thread(SERVER, 101, "C2 CompilerThre", 900 + 30, 10);
        thread(SERVER, 102, "GC Thread#0", 50 + 4, 0);
        thread(SERVER, 103, "vert.x-eventloo", 3000 + 66, 1900 + 80);
        process(GENERATOR, "java", 800 + 50, 400 + 60);
        thread(GENERATOR, 201, "C1 CompilerThre", 100 + 2, 0);
        process(300, "postgres", 70 + 20, 30 + 6);
        process(301, "postgres", 8, 2); // a backend that started meanwhile counts from zero
        process(400, "redis-server", 10 + 7, 10 + 3);
        process(500, "a) postgres (b", 1000 + 90, 1000);
        MachineShare.Share used = MachineShare.Share.between(before, share.snapshot());

        // the machine: 404 ticks in all, 20 of them idle or waiting
        assertThat(used.machineBusy()).isCloseTo(100.0 * 384 / 404, within(1e-9));
        assertThat(used.machineKernel()).isCloseTo(100.0 * (150 + 5 + 25) / 404, within(1e-9));
        assertThat(used.steal()).isCloseTo(100.0 * 4 / 404, within(1e-9));
        // processes: ticks of 1/100 s over 2 s, as percent of one core
        assertThat(used.server()).isCloseTo(90.0, within(1e-9));
        assertThat(used.serverKernel()).isCloseTo(40.0, within(1e-9));
        assertThat(used.compiling()).isCloseTo(15.0, within(1e-9));
        assertThat(used.collecting()).isCloseTo(2.0, within(1e-9));
        assertThat(used.generator()).isCloseTo(55.0, within(1e-9));
        assertThat(used.generatorKernel()).isCloseTo(30.0, within(1e-9));
        assertThat(used.generatorCompiling()).isCloseTo(1.0, within(1e-9));
        assertThat(used.postgres()).isCloseTo(18.0, within(1e-9));
        assertThat(used.redis()).isCloseTo(5.0, within(1e-9));
        assertThat(used.describe(2)).isEqualTo("busy 95% of 2 cores (kernel 45%, stolen 1%); server 90% of one core "
                + "(kernel 40%, compiling 15%, collecting 2%), load generator 55% (kernel 30%, compiling 1%), PostgreSQL 18%, Redis 5%");
    }

    @Test
    void shouldCountWhatItCannotReadAsNothing() {
        MachineShare share = new MachineShare(proc.resolve("absent"), OptionalLong.of(SERVER), GENERATOR, System::nanoTime);

        MachineShare.Share used = MachineShare.Share.between(share.snapshot(), share.snapshot());

        assertThat(used.machineBusy()).isZero();
        assertThat(used.server()).isZero();
        assertThat(used.postgres()).isZero();
    }

    @Test
    void shouldSayWhatAUnitOfWorkCostsTheMachineAndWhatATargetWouldTake() {
        // 90 % of 2 cores while 66,000 deliveries a second went out: 1.8 cores / 66,000
        assertThat(MachineShare.timePer("delivery", 90, 2, 66_000, 100_000)).isEqualTo(
                "27.3 µs a delivery (1.80 cores busy at 66,000/s): 100,000/s would take 2.73 of its 2 cores");
        assertThat(MachineShare.timePer("message", -1, 2, 8_000, 12_000)).isEqualTo("unknown");
        assertThat(MachineShare.timePer("message", 75, 2, 0, 12_000)).isEqualTo("unknown");

        // the busy share over the whole seconds of a stretch, not the seconds around it
        List<ServerStats.Second> seconds = List.of(second(1, 10), second(2, 80), second(3, 90), second(4, 20));
        long second = 1_000_000_000L;
        assertThat(ServerStats.busyBetween(seconds, 1 * second, 3 * second)).isCloseTo(85.0, within(1e-9));
        assertThat(ServerStats.busyBetween(seconds, 0, 4 * second)).isCloseTo(50.0, within(1e-9));
        assertThat(ServerStats.busyBetween(seconds, 1 * second + 1, 2 * second)).isEqualTo(-1);
    }

    private static ServerStats.Second second(long endSecond, double machineBusy) {
        return new ServerStats.Second(endSecond * 1_000_000_000L,
                new MachineShare.Share(machineBusy, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    private void machine(long... ticks) throws IOException {
        StringBuilder line = new StringBuilder("cpu ");
        for (long tick : ticks) {
            line.append(' ').append(tick);
        }
        Files.writeString(proc.resolve("stat"), line + " 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n");
    }

    private void process(long pid, String command, long user, long system) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(String.valueOf(pid)));
        Files.writeString(dir.resolve("stat"), stat(pid, command, user, system));
    }

    private void thread(long pid, long tid, String command, long user, long system) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(String.valueOf(pid)).resolve("task").resolve(String.valueOf(tid)));
        Files.writeString(dir.resolve("stat"), stat(tid, command, user, system));
    }

    /** A stat line as Linux writes it: utime and stime are the 14th and 15th fields. */
    private static String stat(long pid, String command, long user, long system) {
        return pid + " (" + command + ") S 1 " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 " + user + " " + system
                + " 0 0 20 0 12 0 1000 100000 500 18446744073709551615\n";
    }
}
