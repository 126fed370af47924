package dev.workflowchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's live objects by class ({@code jcmd <pid> GC.class_histogram}, which collects first),
 * so a scenario can say what its growth in heap is made of: the connections scenario writes the
 * classes that grew, per connection, beside its report ({@code connections-heap.txt}).
 */
final class HeapHistogram {

    /** {@code num: instances bytes class-name (module)}. */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private final Map<String, long[]> byClass;

    private HeapHistogram(Map<String, long[]> byClass) {
        this.byClass = byClass;
    }

    /** The histogram of the server's JVM now; empty when its process is not known or jcmd fails. */
    static Optional<HeapHistogram> of(Target target) {
        return ServerStats.jcmd(target, "GC.class_histogram").map(text -> {
            Map<String, long[]> byClass = new HashMap<>();
            for (String line : text.split("\n")) {
                Matcher row = ROW.matcher(line);
                if (row.find()) {
                    byClass.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                }
            }
            return new HeapHistogram(byClass);
        });
    }

    /**
     * The classes whose live bytes grew most from {@code before} to this one, per {@code each} (a
     * connection): a table of bytes and instances per connection, largest first, with the total.
     */
    String growthSince(HeapHistogram before, int each, int rows) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> entry : byClass.entrySet()) {
            long[] then = before.byClass.getOrDefault(entry.getKey(), new long[2]);
            long[] growth = {entry.getValue()[0] - then[0], entry.getValue()[1] - then[1]};
            total += growth[1];
            if (growth[1] > 0) {
                grown.add(Map.entry(entry.getKey(), growth));
            }
        }
        grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1]).reversed());
        StringBuilder table = new StringBuilder(String.format("live heap grown by %,d bytes: %,.1f bytes per each of %,d%n%n",
                total, (double) total / each, each));
        table.append(String.format("%12s %12s  %s%n", "bytes/each", "objects/each", "class"));
        for (Map.Entry<String, long[]> entry : grown.subList(0, Math.min(rows, grown.size()))) {
            table.append(String.format("%12.1f %12.2f  %s%n", (double) entry.getValue()[1] / each,
                    (double) entry.getValue()[0] / each, entry.getKey()));
        }
        return table.toString();
    }

    /** Writes {@link #growthSince} to {@code file}; a report's extra, so a failure to write is only said. */
    void writeGrowthSince(HeapHistogram before, int each, Path file) {
        try {
            Files.writeString(file, growthSince(before, each, 150));
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + e.getMessage());
        }
    }
}
