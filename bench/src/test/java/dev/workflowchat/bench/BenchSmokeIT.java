package dev.workflowchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every scenario of the benchmark at small scale, against a chat-service process the bench
 * starts itself, so the suite can't rot: each runs, loses nothing, and the report and its
 * plots are written. (The figures of a full run are in docs/performance.md.)
 */
class BenchSmokeIT {

    @Test
    void everyScenarioRunsAtSmallScaleAndLosesNothing() throws Exception {
        Path out = Path.of("target", "smoke-report");
        List<Result> results = Bench.run(Options.parse("--scale=smoke", "--out=" + out));

        Map<String, Result> byScenario = results.stream().collect(Collectors.toMap(Result::scenario, Function.identity()));
        assertThat(byScenario).containsOnlyKeys(Options.ALL_SCENARIOS);

        Result fanout = byScenario.get("fanout");
        assertThat(fanout.fact("lost")).isZero();
        assertThat(fanout.fact("duplicates")).isZero();
        // the sweep ran; what it found depends on the machine's load, which a test must not assert
        assertThat(fanout.fact("largest_clients_within_100ms")).isNotNegative();
        // and where the machine's time went, second by second, beside its latency
        assertThat(fanout.plots()).extracting(plot -> plot.getFileName().toString()).contains("fanout-cpu.png");

        // idle first, before any scenario has warmed anything up: a figure, whatever it is
        assertThat(byScenario.get("idle").fact("chat_cpu_percent")).isNotNegative();

        for (String name : List.of("conversation", "conversation-wide")) {
            Result conversation = byScenario.get(name);
            assertThat(conversation.fact("errors")).isZero();
            assertThat(conversation.fact("unacked")).isZero();
            assertThat(conversation.fact("lost_receipts")).isZero();
            // each client looks at its channel: the others reach it as unread frames
            assertThat(conversation.fact("unread_frames")).isPositive();
        }

        Result ingest = byScenario.get("ingest");
        assertThat(ingest.fact("lost")).isZero();
        assertThat(ingest.fact("duplicates")).isZero();
        assertThat(ingest.fact("persisted_per_second")).isPositive();

        Result connections = byScenario.get("connections");
        assertThat(connections.fact("open")).isEqualTo(100);
        assertThat(connections.fact("failed")).isZero();
        assertThat(connections.fact("rss_bytes")).isPositive();
        // what the heap grew by, per class and connection: the connections themselves are among it
        assertThat(Files.readString(out.resolve("connections-heap.txt")))
                .contains("bytes per each of 100", "io.quarkus.websockets.next");

        Result history = byScenario.get("history");
        assertThat(history.fact("failures")).isZero();
        assertThat(history.fact("history_p99_ms")).isPositive();
        assertThat(history.fact("search_p99_ms")).isPositive();

        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("## Idle", "## Fan-out", "## Conversation", "## Ingest", "## Connections",
                "## History and search", "server CPU", "the machine's cores", "PostgreSQL", "load generator");
        // what a delivery cost the machine, and what the asked-for rate would take at that cost; the
        // ingest's stretch is under a second at this size, too short for a whole sampled second
        assertThat(report).containsPattern("the machine's time \\(while publishing\\) \\| [0-9.]+ µs a delivery "
                        + "\\([0-9.]+ cores busy at [0-9,]+/s\\): [0-9,]+/s would take [0-9.]+ of its [0-9]+ cores")
                .contains("the machine's time (until the last is in the history)");
        for (Result result : results.stream().filter(r -> !r.scenario().equals("idle")).toList()) {
            assertThat(result.plots()).isNotEmpty().allSatisfy(plot -> assertThat(Files.size(plot)).isPositive());
        }
    }
}
