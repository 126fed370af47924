package dev.workflowchat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: scenario names and {@code --key=value} settings. A preset ({@code --scale=smoke}
 * or {@code full}) gives every scenario its sizes; any single setting can be overridden.
 */
final class Options {

    static final List<String> ALL_SCENARIOS = List.of("idle", "fanout", "conversation", "conversation-wide", "ingest",
            "connections", "history");

    /** The sizes of the targets: what docs/performance.md reports. */
    private static final Map<String, String> FULL = Map.ofEntries(
            Map.entry("fanout.clients", "1000"), Map.entry("fanout.rate", "100"), Map.entry("fanout.seconds", "60"),
            Map.entry("fanout.sweep", "250,500,1000,1500,2000"), Map.entry("fanout.sweep-seconds", "20"),
            Map.entry("conversation.clients", "500"), Map.entry("conversation.channels", "10"),
            Map.entry("conversation.rate", "1"), Map.entry("conversation.seconds", "60"),
            Map.entry("conversation-wide.clients", "2000"), Map.entry("conversation-wide.channels", "20"),
            Map.entry("conversation-wide.rate", "0.2"), Map.entry("conversation-wide.seconds", "60"),
            Map.entry("ingest.messages", "100000"), Map.entry("ingest.clients", "2"),
            Map.entry("connections.count", "10000"),
            Map.entry("history.messages", "1000000"), Map.entry("history.requests", "2000"),
            Map.entry("idle.seconds", "60"), Map.entry("users", "50"), Map.entry("warmup", "true"));

    /**
     * A short untimed pass before a full run, so the server's JIT has compiled the hot paths (a
     * running service is warm; the first seconds of a fresh JVM would measure the compiler). The
     * conversations warm up at their own shape: after a smaller pass (100 clients, 2 msg/s, 10 s)
     * the measured one's first seconds still compiled, and its p99 said so (435 ms, then 51 ms).
     * So does the fan-out, with the measured number of clients: after 200 clients for 20 s the
     * server's compiler still took 13 % of a core in the measured minute, in bursts its slowest
     * seconds followed (performance.md, "Below the limit").
     */
    private static final Map<String, String> WARMUP = Map.ofEntries(
            Map.entry("fanout.rate", "100"), Map.entry("fanout.seconds", "40"),
            Map.entry("fanout.sweep", "200"), Map.entry("fanout.sweep-seconds", "5"),
            Map.entry("conversation.clients", "500"), Map.entry("conversation.channels", "10"),
            Map.entry("conversation.rate", "1"), Map.entry("conversation.seconds", "20"),
            Map.entry("conversation-wide.clients", "2000"), Map.entry("conversation-wide.channels", "20"),
            Map.entry("conversation-wide.rate", "0.2"), Map.entry("conversation-wide.seconds", "20"),
            Map.entry("ingest.messages", "30000"), Map.entry("ingest.clients", "5"),
            Map.entry("connections.count", "500"),
            Map.entry("history.messages", "20000"), Map.entry("history.requests", "1000"),
            Map.entry("idle.seconds", "1"), Map.entry("users", "20"));

    /** Small enough for the test command (seconds per scenario), large enough to exercise every path. */
    private static final Map<String, String> SMOKE = Map.ofEntries(
            Map.entry("fanout.clients", "20"), Map.entry("fanout.rate", "20"), Map.entry("fanout.seconds", "3"),
            Map.entry("fanout.sweep", "10,20"), Map.entry("fanout.sweep-seconds", "2"),
            Map.entry("conversation.clients", "12"), Map.entry("conversation.channels", "3"),
            Map.entry("conversation.rate", "2"), Map.entry("conversation.seconds", "3"),
            Map.entry("conversation-wide.clients", "20"), Map.entry("conversation-wide.channels", "4"),
            Map.entry("conversation-wide.rate", "0.5"), Map.entry("conversation-wide.seconds", "4"),
            Map.entry("ingest.messages", "500"), Map.entry("ingest.clients", "3"),
            Map.entry("connections.count", "100"),
            Map.entry("history.messages", "5000"), Map.entry("history.requests", "100"),
            Map.entry("idle.seconds", "2"), Map.entry("users", "6"), Map.entry("warmup", "false"));

    private final List<String> scenarios;
    private final Map<String, String> settings;

    private Options(List<String> scenarios, Map<String, String> settings) {
        this.scenarios = scenarios;
        this.settings = settings;
    }

    static Options parse(String... args) {
        List<String> scenarios = new ArrayList<>();
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                if (equals < 0) {
                    given.put(arg.substring(2), "true");
                } else {
                    given.put(arg.substring(2, equals), arg.substring(equals + 1));
                }
            } else if (ALL_SCENARIOS.contains(arg)) {
                scenarios.add(arg);
            } else if (!"all".equals(arg)) {
                throw new IllegalArgumentException("unknown scenario '" + arg + "'; scenarios: " + ALL_SCENARIOS);
            }
        }
        String scale = given.getOrDefault("scale", "full");
        Map<String, String> settings = new LinkedHashMap<>(switch (scale) {
            case "full" -> FULL;
            case "smoke" -> SMOKE;
            default -> throw new IllegalArgumentException("--scale is smoke or full, not " + scale);
        });
        settings.putAll(given);
        return new Options(scenarios.isEmpty() ? ALL_SCENARIOS : List.copyOf(scenarios), settings);
    }

    List<String> scenarios() {
        return scenarios;
    }

    String text(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    String text(String key) {
        String value = settings.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }

    boolean has(String key) {
        return settings.containsKey(key);
    }

    int number(String key) {
        try {
            return Integer.parseInt(text(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number, not " + text(key));
        }
    }

    List<Integer> numbers(String key) {
        List<Integer> values = new ArrayList<>();
        for (String part : text(key).split(",")) {
            values.add(Integer.parseInt(part.strip()));
        }
        return values;
    }

    /** Whether to warm the server up before measuring (full runs do). */
    boolean warmup() {
        return Boolean.parseBoolean(text("warmup", "false"));
    }

    /** The warm-up pass's options: the same scenarios and target, small sizes, its report aside. */
    Options forWarmup(String out) {
        Map<String, String> warm = new LinkedHashMap<>(settings);
        warm.putAll(WARMUP);
        warm.put("out", out);
        warm.put("warmup", "false");
        return new Options(scenarios, warm);
    }

    /** What the run was asked for, for the report's header. */
    Map<String, String> settings() {
        return Map.copyOf(settings);
    }
}
