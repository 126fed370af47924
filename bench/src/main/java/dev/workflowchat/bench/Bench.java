package dev.workflowchat.bench;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's entry point: {@code ./bench/run.sh [scenario…] [--scale=smoke|full] [--key=value…]}.
 * Runs each scenario against the chat-service, samples the server's CPU and memory meanwhile,
 * and writes {@code report.md} with a plot per scenario.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<Result> results;
        try {
            results = run(Options.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("[bench] " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean met = results.stream().allMatch(Result::allMet);
        System.out.println(met ? "[bench] every target met" : "[bench] some targets not met (see the report)");
        System.exit(0);
    }

    /** Runs the scenarios the options name and writes the report; returns what each measured. */
    static List<Result> run(Options options) throws Exception {
        Path reportDir = Path.of(options.text("out", "bench/target/report")).toAbsolutePath();
        java.nio.file.Files.createDirectories(reportDir);
        Vertx vertx = Vertx.vertx();
        List<Result> results = new ArrayList<>();
        try (Target target = Target.of(options, reportDir)) {
            System.out.println("[bench] " + target.describe());
            if (options.warmup()) {
                System.out.println("[bench] warming the server up (not measured)…");
                runScenarios(new Run(options.forWarmup(reportDir.resolve("warmup").toString()), target, vertx,
                        java.nio.file.Files.createDirectories(reportDir.resolve("warmup"))), target, new ArrayList<>());
            }
            Run run = new Run(options, target, vertx, reportDir);
            runScenarios(run, target, results);
            Path report = Report.write(reportDir, options, target.describe(), Report.machine(), results);
            System.out.println("[bench] report: " + report);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        return results;
    }

    private static void runScenarios(Run run, Target target, List<Result> results) throws Exception {
        for (String scenario : run.options().scenarios()) {
            System.out.println("[bench] " + scenario + "…");
            try (ServerStats stats = ServerStats.watch(target)) {
                Result result = switch (scenario) {
                    case "fanout" -> new FanOut(run).run(stats);
                    case "conversation", "conversation-wide" -> new Conversation(run, scenario).run();
                    case "ingest" -> new Ingest(run).run(stats);
                    case "connections" -> new Connections(run).run(stats);
                    case "history" -> new HistoryAndSearch(run).run();
                    case "idle" -> new Idle(run).run(stats);
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                };
                result.figure("server CPU (average / busiest second)", String.format("%.0f%% / %.0f%% of one core",
                                stats.averageCpuPercent(), stats.maxCpuPercent()))
                        .figure("the machine's cores (averages)", stats.machine())
                        .figure("server RSS (largest) / heap used (at the end)",
                                Connections.mib(stats.maxRssBytes()) + " / " + Connections.mib(stats.heapUsedBytes()));
                results.add(result);
                System.out.println("[bench] " + scenario + " done" + (result.allMet() ? "" : " (targets not met)"));
            }
        }
    }
}
