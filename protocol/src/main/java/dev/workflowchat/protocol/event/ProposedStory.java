package dev.workflowchat.protocol.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One story an agent proposes ({@code stories.proposed}): a title (one line, at most
 * {@value #TITLE_MAX} characters), acceptance {@code criteria} (at most {@value #CRITERIA_MAX}),
 * a {@code priority} ({@code top|high|medium|low}, default {@code medium}) and {@code points}
 * (0 to 100, or none).
 */
public record ProposedStory(String title, String criteria, String priority, Integer points) {

    public static final int MAX_STORIES = 50;
    static final int TITLE_MAX = 200;
    static final int CRITERIA_MAX = 4000;
    static final Set<String> PRIORITIES = Set.of("top", "high", "medium", "low");

    /** The stories of a proposal (or of a decision's modifications), checked; {@code what} names the field in errors. */
    public static List<ProposedStory> listOf(String id, JsonNode array, String what) {
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > MAX_STORIES) {
            throw new InvalidEventException(id, what + " must be a list of 1 to " + MAX_STORIES + " stories");
        }
        List<ProposedStory> stories = new ArrayList<>();
        for (JsonNode node : array) {
            if (!node.isObject()) {
                throw new InvalidEventException(id, "each of " + what + " must be an object {title, criteria, priority, points}");
            }
            String title = node.path("title").isTextual() ? node.path("title").textValue().strip() : "";
            if (title.isEmpty() || title.length() > TITLE_MAX || title.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidEventException(id, "a story's title is one line of 1 to " + TITLE_MAX + " characters");
            }
            JsonNode criteria = node.get("criteria");
            if (criteria != null && !criteria.isNull() && (!criteria.isTextual() || criteria.textValue().length() > CRITERIA_MAX
                    || criteria.textValue().chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t'))) {
                throw new InvalidEventException(id, "a story's criteria are text of at most " + CRITERIA_MAX + " characters");
            }
            String priority = node.path("priority").isTextual() ? node.path("priority").textValue() : "medium";
            if (!PRIORITIES.contains(priority)) {
                throw new InvalidEventException(id, "a story's priority is one of top, high, medium, low");
            }
            JsonNode points = node.get("points");
            if (points != null && !points.isNull() && (!points.isIntegralNumber() || points.intValue() < 0 || points.intValue() > 100)) {
                throw new InvalidEventException(id, "a story's points are a whole number from 0 to 100");
            }
            stories.add(new ProposedStory(title, criteria == null || criteria.isNull() ? null : criteria.textValue(),
                    priority, points == null || points.isNull() ? null : points.intValue()));
        }
        return stories;
    }

    /** As a map, for an approval's payload. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("title", title);
        map.put("criteria", criteria);
        map.put("priority", priority);
        map.put("points", points);
        return map;
    }
}
