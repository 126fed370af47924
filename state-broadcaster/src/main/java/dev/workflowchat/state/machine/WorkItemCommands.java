package dev.workflowchat.state.machine;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The commands that look at and change epics and stories without moving the workflow:
 * {@code /epic list|show|update|close}, {@code /story add|show|update|remove} and
 * {@code /backlog view|add_story|prioritize|remove}. Each answers with the usage line when
 * its arguments don't fit, and changes nothing then.
 */
final class WorkItemCommands {

    static final String EPIC_USAGE = "/epic \"<title>\" [\"<description>\"] · /epic list · /epic show <id> · "
            + "/epic update <id> title|description \"<text>\" · /epic close <id>";
    static final String STORY_USAGE = "/story add <epic> \"<title>\" [\"<acceptance criteria>\"] · /story show <id> · "
            + "/story update <id> " + StoryFields.FIELDS + " <value> · /story remove <id>";
    static final String BACKLOG_USAGE = "/backlog view · /backlog add_story [<epic>] \"<title>\" · "
            + "/backlog prioritize <id> <priority> · /backlog remove <id>";

    private final WorkItems items;
    private final Predicate<String> cycleOpen;

    WorkItemCommands(WorkItems items, Predicate<String> cycleOpen) {
        this.items = items;
        this.cycleOpen = cycleOpen;
    }

    /** {@code /epic list|show|update|close …}; {@code args} start with the sub-command. */
    Outcome epic(List<String> args) {
        String action = args.get(0).toLowerCase(Locale.ROOT);
        return switch (action) {
            case "list" -> args.size() == 1 ? epicList() : usage("`/epic list` takes nothing more.", EPIC_USAGE);
            case "show" -> args.size() == 2 ? items.epic(args.get(1)).map(this::epicShown)
                    .orElseGet(() -> unknown("epic", args.get(1), EPIC_USAGE)) : usage("Name the epic: /epic show <id>", EPIC_USAGE);
            case "update" -> args.size() == 4 ? answer(items.updateEpic(args.get(1), args.get(2), args.get(3)),
                    epic -> "Epic " + epic.id() + " updated: " + line(epic), EPIC_USAGE)
                    : usage("Say what changes: /epic update <id> title|description \"<text>\"", EPIC_USAGE);
            case "close" -> args.size() == 2 ? answer(items.closeEpic(args.get(1)),
                    epic -> "Epic " + epic.id() + " closed: " + epic.title(), EPIC_USAGE)
                    : usage("Name the epic: /epic close <id>", EPIC_USAGE);
            default -> usage("Unknown epic action: " + action, EPIC_USAGE);
        };
    }

    Outcome story(List<String> args, java.time.Instant at) {
        String action = args.isEmpty() ? "" : args.get(0).toLowerCase(Locale.ROOT);
        return switch (action) {
            case "add" -> args.size() == 3 || args.size() == 4
                    ? added(items.addStory(args.get(1), args.get(2), args.size() == 4 ? args.get(3) : null, at), STORY_USAGE)
                    : usage("/story add needs an epic and a title in quotes.", STORY_USAGE);
            case "show" -> args.size() == 2 ? items.story(args.get(1)).map(story -> Outcome.answered(shown(story)))
                    .orElseGet(() -> unknown("story", args.get(1), STORY_USAGE)) : usage("Name the story: /story show <id>", STORY_USAGE);
            case "update" -> args.size() == 4 ? update(args.get(1), args.get(2), args.get(3), STORY_USAGE)
                    : usage("Say what changes: /story update <id> " + StoryFields.FIELDS + " <value>", STORY_USAGE);
            case "remove" -> args.size() == 2 ? remove(args.get(1), STORY_USAGE) : usage("Name the story: /story remove <id>", STORY_USAGE);
            default -> usage(action.isEmpty() ? "Say what to do with stories." : "Unknown story action: " + action, STORY_USAGE);
        };
    }

    Outcome backlog(List<String> args, java.time.Instant at) {
        String action = args.isEmpty() ? "view" : args.get(0).toLowerCase(Locale.ROOT);
        return switch (action) {
            case "view" -> args.size() <= 1 ? backlogView() : usage("`/backlog view` takes nothing more.", BACKLOG_USAGE);
            case "add_story" -> switch (args.size()) {
                case 2 -> added(items.addStory(null, args.get(1), null, at), BACKLOG_USAGE);
                case 3 -> added(items.addStory(args.get(1), args.get(2), null, at), BACKLOG_USAGE);
                default -> usage("A story needs a title in quotes: /backlog add_story [<epic>] \"<title>\"", BACKLOG_USAGE);
            };
            case "prioritize" -> prioritize(args);
            case "remove" -> args.size() == 2 ? remove(byPosition(args.get(1)), BACKLOG_USAGE)
                    : usage("Name the story: /backlog remove <id>", BACKLOG_USAGE);
            default -> usage("Unknown backlog action: " + action, BACKLOG_USAGE);
        };
    }

    /** {@code /backlog prioritize <id> <priority>}; {@code /backlog prioritize <n>} moves the n-th story to the top, as before. */
    private Outcome prioritize(List<String> args) {
        if (args.size() == 3) {
            return update(args.get(1), "priority", args.get(2), BACKLOG_USAGE);
        }
        if (args.size() == 2) {
            Outcome moved = update(byPosition(args.get(1)), "priority", "top", BACKLOG_USAGE);
            return moved.ok() ? Outcome.answered("Moved to the top: " + items.story(byPosition(args.get(1)))
                    .map(Story::title).orElse(args.get(1))) : moved;
        }
        return usage("Say the story and its priority: /backlog prioritize <id> top|high|medium|low", BACKLOG_USAGE);
    }

    /** A backlog position ({@code 2}: the second story listed) as the story's id; anything else as typed. */
    private String byPosition(String typed) {
        try {
            int position = Integer.parseInt(typed.strip());
            List<Story> backlog = items.backlog();
            return position >= 1 && position <= backlog.size() ? backlog.get(position - 1).id() : typed;
        } catch (NumberFormatException e) {
            return typed;
        }
    }

    private Outcome update(String typedId, String field, String value, String usage) {
        return items.story(typedId)
                .map(story -> answer(StoryFields.set(story, field, value), changed -> "Story " + changed.id() + " updated: "
                        + line(changed), usage, items::replace))
                .orElseGet(() -> unknown("story", typedId, usage));
    }

    private Outcome remove(String typedId, String usage) {
        String id = WorkText.id('S', typedId);
        return answer(items.removeStory(typedId, id != null && cycleOpen.test(id)),
                story -> "Removed: " + story.id() + " " + story.title(), usage);
    }

    private Outcome added(WorkItems.Change<Story> change, String usage) {
        return answer(change, story -> "Story added: " + line(story), usage);
    }

    private Outcome epicList() {
        List<Epic> epics = items.epics();
        if (epics.isEmpty()) {
            return Outcome.answered("No epics yet. Create one with /epic \"<title>\".");
        }
        return Outcome.answered(epics.stream()
                .map(epic -> "- " + line(epic) + " · " + items.storiesOf(epic.id()).size() + " stories")
                .collect(Collectors.joining("\n", "**Epics**\n", "")));
    }

    private Outcome epicShown(Epic epic) {
        StringBuilder text = new StringBuilder("**" + epic.id() + " " + epic.title() + "** (" + epic.status() + ")");
        if (epic.description() != null) {
            text.append("\n").append(epic.description());
        }
        List<Story> stories = items.storiesOf(epic.id());
        text.append(stories.isEmpty() ? "\nNo stories yet." : stories.stream().map(story -> "- " + line(story))
                .collect(Collectors.joining("\n", "\n", "")));
        return Outcome.answered(text.toString());
    }

    private Outcome backlogView() {
        List<Story> backlog = items.backlog();
        if (backlog.isEmpty()) {
            return Outcome.answered("The backlog is empty.");
        }
        StringBuilder text = new StringBuilder("**Backlog**");
        for (int i = 0; i < backlog.size(); i++) {
            text.append('\n').append(i + 1).append(". ").append(line(backlog.get(i)));
        }
        return Outcome.answered(text.toString());
    }

    /**
     * Stories a person approved from an agent's proposal join the backlog: in {@code epic} when it
     * is an open epic of this project, else in none; a title already open there is skipped.
     */
    Outcome accept(String epic, List<dev.workflowchat.protocol.event.ProposedStory> proposed, String by,
                   java.time.Instant at) {
        String epicId = epic == null ? null : items.epic(epic).filter(found -> !found.closed()).map(Epic::id).orElse(null);
        List<String> added = new java.util.ArrayList<>();
        List<String> skipped = new java.util.ArrayList<>();
        for (var story : proposed) {
            WorkItems.Change<Story> change = items.addStory(epicId, story.title(), story.criteria(), at);
            if (!change.ok()) {
                skipped.add(story.title() + " (" + change.refusal() + ")");
                continue;
            }
            Story made = change.item().withPriority(Priority.parse(story.priority()).orElse(Priority.MEDIUM))
                    .withPoints(story.points());
            items.replace(made);
            added.add(made.id() + " " + made.title());
        }
        String text = "Stories approved by " + by + (epicId == null ? "" : " for " + epicId) + ": "
                + (added.isEmpty() ? "none added" : String.join(", ", added))
                + (skipped.isEmpty() ? "" : ". Skipped: " + String.join("; ", skipped));
        return Outcome.answered(text);
    }

    static String shown(Story story) {
        StringBuilder text = new StringBuilder("**" + story.id() + " " + story.title() + "**\n")
                .append("Epic ").append(story.epicId() == null ? "none" : story.epicId())
                .append(" · priority ").append(story.priority().label())
                .append(" · ").append(story.points() == null ? "not estimated" : story.points() + " points")
                .append(" · ").append(story.status().label())
                .append(" · ").append(story.assignee() == null ? "unassigned" : "assigned to " + story.assignee());
        if (story.criteria() != null) {
            text.append("\nAcceptance criteria: ").append(story.criteria());
        }
        return text.toString();
    }

    static String line(Story story) {
        return story.id() + " " + story.title() + " · " + story.priority().label()
                + (story.points() == null ? "" : " · " + story.points() + " pts") + " · " + story.status().label()
                + (story.assignee() == null ? "" : " · " + story.assignee())
                + (story.epicId() == null ? "" : " (" + story.epicId() + ")");
    }

    static String line(Epic epic) {
        return epic.id() + " " + epic.title() + (epic.closed() ? " (closed)" : "");
    }

    private static <T> Outcome answer(WorkItems.Change<T> change, java.util.function.Function<T, String> text, String usage) {
        return answer(change, text, usage, done -> change);
    }

    private static <T> Outcome answer(WorkItems.Change<T> change, java.util.function.Function<T, String> text, String usage,
                                      java.util.function.Function<T, WorkItems.Change<T>> apply) {
        if (!change.ok()) {
            return Outcome.refused(change.refusal() + " Usage: " + usage, usage);
        }
        apply.apply(change.item());
        return Outcome.answered(text.apply(change.item()));
    }

    private static Outcome unknown(String kind, String typed, String usage) {
        return Outcome.refused("No " + kind + " " + typed + " in this project.", usage);
    }

    private static Outcome usage(String message, String usage) {
        return Outcome.refused(message + " Usage: " + usage, usage);
    }
}
