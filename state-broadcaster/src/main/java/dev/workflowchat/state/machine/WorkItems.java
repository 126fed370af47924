package dev.workflowchat.state.machine;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A project's epics and stories, with the counters that give each its short id. Changes are
 * checked here (unknown ids, duplicate titles, texts out of bounds); a refused change changes
 * nothing. Plain Java, no I/O.
 */
public final class WorkItems {

    private final Map<String, Epic> epics = new LinkedHashMap<>();
    private final Map<String, Story> stories = new LinkedHashMap<>();
    private int lastEpic;
    private int lastStory;

    /** What a change did: the item, or why it was refused. */
    public record Change<T>(T item, String refusal) {

        static <T> Change<T> done(T item) {
            return new Change<>(item, null);
        }

        static <T> Change<T> refused(String why) {
            return new Change<>(null, why);
        }

        public boolean ok() {
            return refusal == null;
        }
    }

    public List<Epic> epics() {
        return List.copyOf(epics.values());
    }

    public List<Story> stories() {
        return List.copyOf(stories.values());
    }

    public int lastEpic() {
        return lastEpic;
    }

    public int lastStory() {
        return lastStory;
    }

    public Optional<Epic> epic(String typedId) {
        return Optional.ofNullable(epics.get(WorkText.id('E', typedId)));
    }

    public Optional<Story> story(String typedId) {
        return Optional.ofNullable(stories.get(WorkText.id('S', typedId)));
    }

    /** The open stories, most urgent first (then oldest first). */
    public List<Story> backlog() {
        return stories.values().stream().filter(story -> story.status().isOpen())
                .sorted(Comparator.comparing(Story::priority).thenComparingInt(story -> number(story.id())))
                .toList();
    }

    public List<Story> storiesOf(String epicId) {
        return stories.values().stream().filter(story -> epicId.equals(story.epicId())).toList();
    }

    /** Brings the items back as they were stored. */
    public void restore(List<Epic> epics, List<Story> stories, int lastEpic, int lastStory) {
        this.epics.clear();
        epics.forEach(epic -> this.epics.put(epic.id(), epic));
        this.stories.clear();
        stories.forEach(story -> this.stories.put(story.id(), story));
        this.lastEpic = Math.max(lastEpic, epics.stream().mapToInt(epic -> number(epic.id())).max().orElse(0));
        this.lastStory = Math.max(lastStory, stories.stream().mapToInt(story -> number(story.id())).max().orElse(0));
    }

    Change<Epic> addEpic(String title, String description, String by, Instant at) {
        Optional<String> problem = WorkText.titleProblem(title).or(() -> WorkText.bodyProblem(description));
        if (problem.isPresent()) {
            return Change.refused(problem.get());
        }
        Optional<Epic> same = epics.values().stream().filter(epic -> !epic.closed() && sameTitle(epic.title(), title)).findFirst();
        if (same.isPresent()) {
            return Change.refused("There is an open epic with that title already: " + same.get().id() + ".");
        }
        Epic epic = new Epic("E" + (++lastEpic), title.strip(), blankToNull(description), false, by, at);
        epics.put(epic.id(), epic);
        return Change.done(epic);
    }

    Change<Epic> updateEpic(String typedId, String field, String text) {
        Epic epic = epics.get(WorkText.id('E', typedId));
        if (epic == null) {
            return Change.refused("No epic " + typedId + " in this project.");
        }
        Epic changed;
        switch (field.toLowerCase(Locale.ROOT)) {
            case "title" -> {
                Optional<String> problem = WorkText.titleProblem(text);
                if (problem.isPresent()) {
                    return Change.refused(problem.get());
                }
                if (epics.values().stream().anyMatch(other -> other != epic && !other.closed() && sameTitle(other.title(), text))) {
                    return Change.refused("There is an open epic with that title already.");
                }
                changed = epic.withTitle(text.strip());
            }
            case "description" -> {
                Optional<String> problem = WorkText.bodyProblem(text);
                if (problem.isPresent()) {
                    return Change.refused(problem.get());
                }
                changed = epic.withDescription(blankToNull(text));
            }
            default -> {
                return Change.refused("An epic's title or description can be changed, not " + field + ".");
            }
        }
        epics.put(changed.id(), changed);
        return Change.done(changed);
    }

    Change<Epic> closeEpic(String typedId) {
        Epic epic = epics.get(WorkText.id('E', typedId));
        if (epic == null) {
            return Change.refused("No epic " + typedId + " in this project.");
        }
        if (epic.closed()) {
            return Change.refused("Epic " + epic.id() + " is closed already.");
        }
        Epic closed = epic.closedNow();
        epics.put(closed.id(), closed);
        return Change.done(closed);
    }

    Change<Story> addStory(String typedEpic, String title, String criteria, Instant at) {
        String epicId = null;
        if (typedEpic != null) {
            Epic epic = epics.get(WorkText.id('E', typedEpic));
            if (epic == null) {
                return Change.refused("No epic " + typedEpic + " in this project.");
            }
            if (epic.closed()) {
                return Change.refused("Epic " + epic.id() + " is closed; stories go to an open epic.");
            }
            epicId = epic.id();
        }
        Optional<String> problem = WorkText.titleProblem(title).or(() -> WorkText.bodyProblem(criteria));
        if (problem.isPresent()) {
            return Change.refused(problem.get());
        }
        String epicOfNew = epicId;
        Optional<Story> same = stories.values().stream()
                .filter(story -> story.status().isOpen() && java.util.Objects.equals(story.epicId(), epicOfNew)
                        && sameTitle(story.title(), title))
                .findFirst();
        if (same.isPresent()) {
            return Change.refused("There is an open story with that title already: " + same.get().id() + ".");
        }
        Story story = Story.added("S" + (++lastStory), epicId, title.strip(), blankToNull(criteria), at);
        stories.put(story.id(), story);
        return Change.done(story);
    }

    /** Replaces a story by a changed copy that {@link StoryFields} checked. */
    Change<Story> replace(Story changed) {
        stories.put(changed.id(), changed);
        return Change.done(changed);
    }

    Change<Story> removeStory(String typedId, boolean cycleOpen) {
        Story story = stories.get(WorkText.id('S', typedId));
        if (story == null) {
            return Change.refused("No story " + typedId + " in this project.");
        }
        if (story.status() == StoryStatus.IN_PROGRESS || cycleOpen) {
            return Change.refused("Story " + story.id() + " is being worked on; finish or abort its TDD cycle first.");
        }
        stories.remove(story.id());
        return Change.done(story);
    }

    static int number(String id) {
        try {
            return Integer.parseInt(id.substring(1));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static boolean sameTitle(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
