package dev.workflowchat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What one scenario measured: its figures, its targets and whether each was met, and its plots. */
final class Result {

    private final String scenario;
    private final String title;
    private final String setup;
    private final List<String[]> figures = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<Path> plots = new ArrayList<>();
    private final java.util.Map<String, Double> facts = new java.util.LinkedHashMap<>();

    Result(String scenario, String title, String setup) {
        this.scenario = scenario;
        this.title = title;
        this.setup = setup;
    }

    Result figure(String what, Object value) {
        figures.add(new String[] {what, String.valueOf(value)});
        return this;
    }

    Result latency(String what, Latencies.Summary summary) {
        return figure(what + " p50 / p95 / p99 / max", String.format("%.1f / %.1f / %.1f / %.1f ms (%,d samples)",
                summary.p50(), summary.p95(), summary.p99(), summary.max(), summary.count()));
    }

    /** A key figure by name, for whoever checks the run (the smoke test), not shown in the report. */
    Result fact(String name, double value) {
        facts.put(name, value);
        return this;
    }

    double fact(String name) {
        Double value = facts.get(name);
        if (value == null) {
            throw new IllegalArgumentException(scenario + " has no figure " + name + "; it has " + facts.keySet());
        }
        return value;
    }

    Result check(String target, boolean met, String measured) {
        checks.add(new Check(target, met, measured));
        return this;
    }

    Result plot(Path png) {
        plots.add(png);
        return this;
    }

    String scenario() {
        return scenario;
    }

    String title() {
        return title;
    }

    String setup() {
        return setup;
    }

    List<String[]> figures() {
        return figures;
    }

    List<Check> checks() {
        return checks;
    }

    List<Path> plots() {
        return plots;
    }

    boolean allMet() {
        return checks.stream().allMatch(Check::met);
    }

    /** A target of the issue and what this run measured against it. */
    record Check(String target, boolean met, String measured) {
    }
}
