package dev.workflowchat.state.machine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How a sprint reads to people: its status, its review, its line in the history. */
final class SprintTexts {

    private SprintTexts() {
    }

    static String status(Sprint sprint, WorkItems items, ProjectState state, String mode, int ciFailuresInARow,
                         List<String> openCycles, Instant now) {
        StringBuilder text = new StringBuilder("Sprint is **" + state + "** · mode " + mode + " · CI failures in a row: "
                + ciFailuresInARow);
        if (sprint == null) {
            return text.append(openCycles.isEmpty() ? "" : " · open TDD cycles: " + String.join(", ", openCycles)).toString();
        }
        List<Story> stories = sprint.storyIds().stream().map(items::story).flatMap(Optional::stream).toList();
        int done = stories.stream().filter(story -> story.status() == StoryStatus.REVIEW || story.status() == StoryStatus.DONE)
                .mapToInt(story -> story.points() == null ? 0 : story.points()).sum();
        text.append("\n**Sprint ").append(sprint.number()).append("**")
                .append(sprint.goal() == null ? "" : " · goal: " + sprint.goal())
                .append(sprint.startedAt() == null ? " · not started" : " · day " + Math.min(sprint.day(now), sprint.days())
                        + " of " + sprint.days())
                .append(" · ").append(done).append(" of ").append(sprint.plannedPoints()).append(" points done");
        Map<String, List<String>> byStatus = new TreeMap<>();
        stories.forEach(story -> byStatus.computeIfAbsent(story.status().label(), key -> new java.util.ArrayList<>()).add(story.id()));
        byStatus.forEach((status, ids) -> text.append("\n- ").append(status).append(": ").append(String.join(", ", ids)));
        text.append("\nOpen TDD cycles: ").append(openCycles.isEmpty() ? "none" : String.join(", ", openCycles));
        if (sprint.status() == Sprint.SprintStatus.PAUSED && !sprint.pauses().isEmpty()) {
            Sprint.Pause pause = sprint.pauses().get(sprint.pauses().size() - 1);
            text.append("\nPaused by ").append(pause.by()).append(" since ").append(pause.at())
                    .append(pause.reason() == null ? "" : ": " + pause.reason());
        }
        return text.toString();
    }

    static String review(Sprint sprint, List<Story> done, List<Story> notDone, List<String> openCycles) {
        StringBuilder text = new StringBuilder("Sprint ended; it is in review.\n**Sprint " + sprint.number() + " review**"
                + (sprint.goal() == null ? "" : " · goal: " + sprint.goal()));
        text.append("\nDone (").append(sprint.donePoints()).append(" of ").append(sprint.plannedPoints()).append(" points): ")
                .append(done.isEmpty() ? "none" : done.stream().map(story -> story.id() + " " + story.title())
                        .collect(Collectors.joining(", ")));
        text.append("\nNot done, back to the backlog: ").append(notDone.isEmpty() ? "none" : notDone.stream()
                .map(story -> story.id() + " " + story.title() + " (" + story.status().label() + ")")
                .collect(Collectors.joining(", ")));
        text.append("\nTDD cycles completed: ").append(sprint.cyclesCompleted())
                .append(openCycles.isEmpty() ? "" : " · still open: " + String.join(", ", openCycles));
        text.append("\nCI failures: ").append(sprint.ciFailures());
        text.append("\nPauses: ").append(sprint.pauses().isEmpty() ? "none" : sprint.pauses().stream()
                .map(pause -> pause.by() + (pause.reason() == null ? "" : " (" + pause.reason() + ")"))
                .collect(Collectors.joining(", ")));
        return text.toString();
    }

    static String historyLine(Sprint sprint) {
        String said = sprint.notes().stream().map(note -> note.kind().replace('_', ' ') + ": " + note.text())
                .collect(Collectors.joining("; "));
        return "- Sprint " + sprint.number() + " · " + sprint.days() + " days"
                + (sprint.goal() == null ? "" : " · " + sprint.goal())
                + " · planned " + sprint.plannedPoints() + " points, done " + sprint.donePoints()
                + " · " + sprint.doneIds().size() + " of " + sprint.storyIds().size() + " stories"
                + (said.isEmpty() ? "" : " · " + said);
    }
}
