package dev.workflowchat.protocol.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an approval request says of itself besides its payload: its {@code risk}
 * ({@code low|medium|high|critical}, default {@code medium}), and, all optional, the
 * {@code reason} the agent needs it, the {@code command} it would run, the {@code diff} it would
 * apply, the {@code story_id} and {@code tdd_phase} it works in, and {@code links}. Checked here;
 * a part that is there but wrong makes the request invalid ({@code diff} over
 * {@value #DIFF_MAX} characters: {@code too_large}).
 */
public record ApprovalContext(String risk, String reason, String command, String diff, String storyId, String tddPhase,
                              List<String> links) {

    public static final List<String> RISKS = List.of("low", "medium", "high", "critical");
    public static final ApprovalContext NONE = new ApprovalContext("medium", null, null, null, null, null, List.of());
    static final int REASON_MAX = 2_000;
    static final int COMMAND_MAX = 2_000;
    static final int DIFF_MAX = 200_000;
    static final int LINKS_MAX = 10;
    private static final Set<String> PHASES = Set.of("DESIGN", "TEST_RED", "CODE_GREEN", "REFACTOR", "COMMIT");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\\p{Cntrl}]{1,2000}");

    public ApprovalContext {
        links = List.copyOf(links);
    }

    /** The order of risks: a higher rank is riskier. */
    public int rank() {
        return RISKS.indexOf(risk);
    }

    static ApprovalContext of(String id, JsonNode data) {
        String risk = text(id, data, "risk");
        if (risk != null && !RISKS.contains(risk)) {
            throw new InvalidEventException(id, "risk must be one of low, medium, high, critical");
        }
        String reason = bounded(id, data, "reason", REASON_MAX, true);
        String command = bounded(id, data, "command", COMMAND_MAX, false);
        String diff = text(id, data, "diff");
        if (diff != null && diff.length() > DIFF_MAX) {
            throw new InvalidEventException(id, "too_large: a diff is at most " + DIFF_MAX + " characters");
        }
        String story = bounded(id, data, "story_id", 64, false);
        String phase = text(id, data, "tdd_phase");
        if (phase != null && !PHASES.contains(phase.toUpperCase(Locale.ROOT))) {
            throw new InvalidEventException(id, "tdd_phase must be one of DESIGN, TEST_RED, CODE_GREEN, REFACTOR, COMMIT");
        }
        List<String> links = new ArrayList<>();
        JsonNode given = data.get("links");
        if (given != null && !given.isNull()) {
            if (!given.isArray() || given.size() > LINKS_MAX) {
                throw new InvalidEventException(id, "links must be a list of at most " + LINKS_MAX + " web addresses");
            }
            for (JsonNode link : given) {
                if (!link.isTextual() || !LINK.matcher(link.textValue()).matches()) {
                    throw new InvalidEventException(id, "links must be http(s) addresses");
                }
                links.add(link.textValue());
            }
        }
        return new ApprovalContext(risk == null ? "medium" : risk, reason, command, diff, story,
                phase == null ? null : phase.toUpperCase(Locale.ROOT), links);
    }

    /** The parts besides the risk, as stored and shown (absent parts left out); null when there are none. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        put(details, "reason", reason);
        put(details, "command", command);
        put(details, "diff", diff);
        put(details, "story_id", storyId);
        put(details, "tdd_phase", tddPhase);
        if (!links.isEmpty()) {
            details.put("links", links);
        }
        return details.isEmpty() ? null : details;
    }

    private static void put(Map<String, Object> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    private static String bounded(String id, JsonNode data, String name, int max, boolean lines) {
        String value = text(id, data, name);
        if (value == null) {
            return null;
        }
        if (value.length() > max || value.chars().anyMatch(c -> Character.isISOControl(c) && !(lines && (c == '\n' || c == '\t')))) {
            throw new InvalidEventException(id, name + " is " + (lines ? "text" : "one line") + " of at most " + max + " characters");
        }
        return value;
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
