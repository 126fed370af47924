package dev.workflowchat.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration table of {@code docs/operations.md}: rows {@code | `NAME` | default | services | meaning |}.
 * Tests hold it against {@link ConfigKeys}, so every key documented is real and every real key is documented.
 */
public final class OperationsDoc {

    /** Where the document is, from any module's directory. */
    public static final Path PATH = Path.of("..", "docs", "operations.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Z0-9_]+)`\\s*\\|([^|]*)\\|([^|]*)\\|");

    private OperationsDoc() {
    }

    /** Documented variable → its default cell, for the rows that name {@code service} (or {@code all}). */
    public static Map<String, String> keysOf(String service) {
        String text;
        try {
            text = Files.readString(PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> keys = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.find()) {
                String services = row.group(3);
                if (services.contains(service) || services.strip().equals("all")) {
                    keys.put(row.group(1), row.group(2).strip());
                }
            }
        }
        return keys;
    }
}
