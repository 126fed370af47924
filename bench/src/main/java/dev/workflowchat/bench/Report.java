package dev.workflowchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;

/** The run's report: one Markdown file with a table per scenario and its plots beside it. */
final class Report {

    private Report() {
    }

    static Path write(Path dir, Options options, String target, String machine, List<Result> results)
            throws IOException {
        StringBuilder md = new StringBuilder("# Workflow Chat benchmark report\n\n");
        md.append("- When: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        md.append("- Target: ").append(target).append('\n');
        md.append("- Machine: ").append(machine).append('\n');
        md.append("- Settings: `");
        new TreeMap<>(options.settings()).forEach((key, value) -> md.append("--").append(key).append('=').append(value)
                .append(' '));
        md.setLength(md.length() - 1);
        md.append("`\n\n");
        md.append("| scenario | target | met | measured |\n|---|---|---|---|\n");
        for (Result result : results) {
            for (Result.Check check : result.checks()) {
                md.append("| ").append(result.title()).append(" | ").append(check.target()).append(" | ")
                        .append(check.met() ? "yes" : "**no**").append(" | ").append(check.measured()).append(" |\n");
            }
        }
        for (Result result : results) {
            md.append("\n## ").append(result.title()).append("\n\n").append(result.setup()).append(".\n\n");
            md.append("| measure | value |\n|---|---|\n");
            for (String[] figure : result.figures()) {
                md.append("| ").append(figure[0]).append(" | ").append(figure[1].replace("|", "\\|")).append(" |\n");
            }
            for (Path plot : result.plots()) {
                md.append("\n![").append(result.title()).append("](").append(dir.relativize(plot)).append(")\n");
            }
        }
        Path file = dir.resolve("report.md");
        Files.writeString(file, md);
        return file;
    }

    /** The machine the run was made on, from what Java and /proc say. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: the core count still says something
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format("%d cores (%s), %.0f GiB, Java %s; load generator, chat-service, PostgreSQL and Redis "
                        + "on the same machine", Runtime.getRuntime().availableProcessors(), cpu,
                memory / 1024.0 / 1024 / 1024, System.getProperty("java.version"));
    }
}
