package dev.workflowchat.state.machine;

import dev.workflowchat.protocol.ChannelNames;
import java.util.Locale;
import java.util.Optional;

/** What {@code /story update <id> <field> <value>} may change, each field checked on its own terms. */
final class StoryFields {

    static final String FIELDS = "title|criteria|priority|points|assignee|status";
    static final int MAX_POINTS = 100;

    private StoryFields() {
    }

    /** The story with {@code field} set to {@code value}, or why it can't be. */
    static WorkItems.Change<Story> set(Story story, String field, String value) {
        String text = value == null ? "" : value.strip();
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "title" -> checked(WorkText.titleProblem(text), () -> story.withTitle(text));
            case "criteria" -> checked(WorkText.bodyProblem(value), () -> story.withCriteria(text.isEmpty() ? null : text));
            case "priority" -> Priority.parse(text).map(priority -> WorkItems.Change.done(story.withPriority(priority)))
                    .orElseGet(() -> WorkItems.Change.refused("Priority is one of top, high, medium, low."));
            case "points" -> points(text).map(points -> WorkItems.Change.done(story.withPoints(points)))
                    .orElseGet(() -> WorkItems.Change.refused("Points are a whole number from 0 to " + MAX_POINTS + "."));
            case "assignee" -> assignee(story, text);
            case "status" -> StoryStatus.parse(text).map(status -> WorkItems.Change.done(story.withStatus(status)))
                    .orElseGet(() -> WorkItems.Change.refused(
                            "Status is one of backlog, planned, in_progress, review, done, rejected."));
            default -> WorkItems.Change.refused("A story's " + FIELDS.replace("|", ", ") + " can be changed, not " + field + ".");
        };
    }

    private static WorkItems.Change<Story> assignee(Story story, String text) {
        String agent = text.startsWith(ChannelNames.AGENT_SOURCE_PREFIX)
                ? text.substring(ChannelNames.AGENT_SOURCE_PREFIX.length()) : text;
        if (agent.isEmpty() || "none".equalsIgnoreCase(agent)) {
            return WorkItems.Change.done(story.withAssignee(null));
        }
        return ChannelNames.isValidAgent(agent) ? WorkItems.Change.done(story.withAssignee(agent))
                : WorkItems.Change.refused("An assignee is an agent's name (lower-case letters, digits, - and _), or none.");
    }

    private static Optional<Integer> points(String text) {
        try {
            int points = Integer.parseInt(text);
            return points >= 0 && points <= MAX_POINTS ? Optional.of(points) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static WorkItems.Change<Story> checked(Optional<String> problem, java.util.function.Supplier<Story> changed) {
        return problem.<WorkItems.Change<Story>>map(WorkItems.Change::refused).orElseGet(() -> WorkItems.Change.done(changed.get()));
    }
}
