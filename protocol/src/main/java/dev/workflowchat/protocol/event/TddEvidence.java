package dev.workflowchat.protocol.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code tdd.report} may bring to show where the cycle is: the test run ({@code tests}:
 * passed, failed, skipped), the {@code commit} (a sha), the {@code ci} run's outcome and a
 * {@code url} to look at. Every part is optional; {@link #NONE} has none.
 */
public record TddEvidence(Integer passed, Integer failed, Integer skipped, String commit, String ci, String url) {

    public static final TddEvidence NONE = new TddEvidence(null, null, null, null, null, null);
    public static final Set<String> CI_OUTCOMES = Set.of("passed", "failed", "running");
    static final int MAX_TESTS = 1_000_000;
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\\p{Cntrl}]{1,2000}");

    public boolean hasTests() {
        return failed != null || passed != null;
    }

    /** The evidence of a report's {@code data}, checked; a part that is there but wrong makes the report invalid. */
    static TddEvidence of(String id, JsonNode data) {
        JsonNode tests = data.get("tests");
        Integer passed = null;
        Integer failed = null;
        Integer skipped = null;
        if (tests != null && !tests.isNull()) {
            if (!tests.isObject()) {
                throw new InvalidEventException(id, "tests must be an object {passed, failed, skipped}");
            }
            passed = count(id, tests, "passed");
            failed = count(id, tests, "failed");
            skipped = count(id, tests, "skipped");
        }
        String commit = text(id, data, "commit");
        if (commit != null && !SHA.matcher(commit).matches()) {
            throw new InvalidEventException(id, "commit must be a commit sha (7 to 64 hex digits)");
        }
        String ci = text(id, data, "ci");
        if (ci != null && !CI_OUTCOMES.contains(ci)) {
            throw new InvalidEventException(id, "ci must be one of passed, failed, running");
        }
        String url = text(id, data, "url");
        if (url != null && !URL.matcher(url).matches()) {
            throw new InvalidEventException(id, "url must be an http(s) address of at most 2000 characters");
        }
        return new TddEvidence(passed, failed, skipped, commit, ci, url);
    }

    private static Integer count(String id, JsonNode tests, String name) {
        JsonNode value = tests.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0 || value.intValue() > MAX_TESTS) {
            throw new InvalidEventException(id, "tests." + name + " must be a whole number from 0 to " + MAX_TESTS);
        }
        return value.intValue();
    }

    private static String text(String id, JsonNode data, String name) {
        JsonNode value = data.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(id, name + " must be a string");
        }
        return value.textValue();
    }
}
