package dev.workflowchat.bench;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Scenario: nobody does anything for {@code idle.seconds}; what the service spends then is what it
 * costs to merely run (pollers, timers, stream reads that don't block). The chat-service the bench
 * measures, and a state-broadcaster when {@code --state-pid=} names its process.
 */
final class Idle {

    private final Run run;

    Idle(Run run) {
        this.run = run;
    }

    Result run(ServerStats stats) throws InterruptedException {
        int seconds = run.options().number("idle.seconds");
        OptionalLong statePid = run.options().has("state-pid")
                ? OptionalLong.of(Long.parseLong(run.options().text("state-pid"))) : OptionalLong.empty();
        long stateBefore = statePid.isPresent() ? ServerStats.cpuTicksOf(statePid.getAsLong()) : -1;
        long started = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the scenario is the waiting
        double elapsed = (System.nanoTime() - started) / 1e9;
        double chat = stats.averageCpuPercent();
        Result result = new Result("idle", "Idle", String.format("%d s with no client, agent or command", seconds))
                .figure("chat-service CPU", chat < 0 ? "unknown (no process id)" : String.format("%.2f%% of one core", chat))
                .fact("chat_cpu_percent", chat);
        if (stateBefore >= 0) {
            double state = 100.0 * (ServerStats.cpuTicksOf(statePid.getAsLong()) - stateBefore)
                    / ServerStats.TICKS_PER_SECOND / elapsed;
            result.figure("state-broadcaster CPU", String.format("%.2f%% of one core", state))
                    .fact("state_cpu_percent", state);
        }
        return result;
    }
}
