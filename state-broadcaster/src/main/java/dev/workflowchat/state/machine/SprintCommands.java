package dev.workflowchat.state.machine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The sprint's commands: each checks its guard and records what happened on the sprint and its
 * stories, then says how the workflow moves ({@link Step}); the machine makes the move.
 */
final class SprintCommands {

    /** A command's verdict: refused (nothing changed), or go ahead with this note on the move. */
    record Step(Outcome refused, String note) {

        static Step refuse(String message, String hint) {
            return new Step(Outcome.refused(message, hint), null);
        }

        static Step go(String note) {
            return new Step(null, note);
        }
    }

    static final String NOTHING_PLANNED = "No stories planned. Use /sprint plan <duration> S1 S2 …";

    private final Sprints sprints;
    private final WorkItems items;
    private final Supplier<Map<String, TddState>> cycles;

    SprintCommands(Sprints sprints, WorkItems items, Supplier<Map<String, TddState>> cycles) {
        this.sprints = sprints;
        this.items = items;
        this.cycles = cycles;
    }

    Step plan(List<String> args, String by, Instant at) {
        WorkItems.Change<SprintPlan> plan = SprintPlan.parse(args);
        if (!plan.ok()) {
            return Step.refuse(plan.refusal() + " Usage: " + SprintPlan.USAGE, SprintPlan.USAGE);
        }
        WorkItems.Change<List<Story>> chosen = sprints.choose(plan.item(), items);
        if (!chosen.ok()) {
            return Step.refuse(chosen.refusal(), SprintPlan.USAGE);
        }
        chosen.item().forEach(story -> items.replace(story.withStatus(StoryStatus.PLANNED)));
        Sprint sprint = sprints.plan(plan.item(), chosen.item(), by, at);
        return Step.go("Sprint " + sprint.number() + " planned: " + sprint.days() + " days, "
                + sprint.storyIds().size() + " stories (" + String.join(", ", sprint.storyIds()) + "), "
                + sprint.plannedPoints() + " points" + (sprint.goal() == null ? "" : ". Goal: " + sprint.goal()));
    }

    Step start(Instant at) {
        Optional<Sprint> sprint = sprints.current().filter(current -> current.status() == Sprint.SprintStatus.PLANNED);
        if (sprint.isEmpty() || sprint.get().storyIds().isEmpty()) {
            return Step.refuse(NOTHING_PLANNED, "/sprint plan <duration> S1 S2 …");
        }
        Sprint started = sprints.update(sprint.get().started(at));
        return Step.go("Sprint " + started.number() + " started: " + started.days() + " days"
                + (started.goal() == null ? "" : ", goal: " + started.goal()));
    }

    Step pause(List<String> args, String by, Instant at) {
        String reason = String.join(" ", args).strip();
        var problem = WorkText.titleProblem(reason.isEmpty() ? "none" : reason);
        if (problem.isPresent()) {
            return Step.refuse(problem.get().replace("A title", "A reason"), "/sprint pause \"<reason>\"");
        }
        sprints.current().ifPresent(sprint -> sprints.update(sprint.paused(by, at, reason.isEmpty() ? null : reason)));
        return Step.go("Paused by " + by + (reason.isEmpty() ? "" : ": " + reason));
    }

    Step resume(Instant at) {
        sprints.current().ifPresent(sprint -> sprints.update(sprint.resumed(at)));
        return Step.go("Resumed.");
    }

    /** Ends the sprint: warns, and needs {@code --force}, while TDD cycles are open; unfinished stories go back. */
    Step end(List<String> args, Instant at) {
        boolean force = args.stream().anyMatch("--force"::equalsIgnoreCase);
        List<String> open = openCycles();
        if (!open.isEmpty() && !force) {
            return Step.refuse("TDD cycles are still open: " + String.join(", ", open)
                    + ". Finish them, or end the sprint anyway with /sprint end --force.", "/sprint end --force");
        }
        Optional<Sprint> current = sprints.current().filter(Sprint::isOpen);
        if (current.isEmpty()) {
            return Step.go("Sprint ended; it is in review.");
        }
        Sprint sprint = current.get();
        List<Story> stories = sprint.storyIds().stream().map(items::story).flatMap(Optional::stream).toList();
        List<Story> done = stories.stream()
                .filter(story -> story.status() == StoryStatus.REVIEW || story.status() == StoryStatus.DONE).toList();
        int points = done.stream().mapToInt(story -> story.points() == null ? 0 : story.points()).sum();
        Sprint ended = sprints.update(sprint.ended(at, points, done.stream().map(Story::id).toList()));
        List<Story> notDone = stories.stream().filter(story -> !done.contains(story)).toList();
        notDone.forEach(story -> items.replace(story.withStatus(StoryStatus.BACKLOG)));
        return Step.go(SprintTexts.review(ended, done, notDone, open));
    }

    /** {@code /feedback} accepts the sprint (its reviewed stories are done); {@code /request_changes} sends them back. */
    Step review(String kind, List<String> args, String by, Instant at) {
        String text = String.join(" ", args).strip();
        var problem = WorkText.bodyProblem(text);
        if (problem.isPresent()) {
            return Step.refuse(problem.get(), "/" + kind + " \"<text>\"");
        }
        boolean accepted = "feedback".equals(kind);
        sprints.current().filter(sprint -> sprint.status() == Sprint.SprintStatus.REVIEW).ifPresent(sprint -> {
            sprints.update(sprint.noted(kind, by, at, text, true));
            sprint.doneIds().stream().map(items::story).flatMap(Optional::stream)
                    .forEach(story -> items.replace(story.withStatus(accepted ? StoryStatus.DONE : StoryStatus.BACKLOG)));
        });
        return Step.go(accepted ? "Feedback recorded: " + text : "Changes requested: " + text);
    }

    /** A CI failure or a completed TDD cycle, counted on the running sprint. */
    void count(int ciFailures, int cycles) {
        sprints.current().filter(sprint -> sprint.status() == Sprint.SprintStatus.ACTIVE
                        || sprint.status() == Sprint.SprintStatus.PAUSED)
                .ifPresent(sprint -> sprints.update(sprint.counted(ciFailures, cycles)));
    }

    String status(ProjectState state, String mode, int ciFailuresInARow, Instant now) {
        return SprintTexts.status(sprints.current().orElse(null), items, state, mode, ciFailuresInARow, openCycles(), now);
    }

    String history() {
        List<Sprint> past = sprints.all().stream().filter(sprint -> sprint.endedAt() != null).toList();
        if (past.isEmpty()) {
            return "No sprint has ended yet.";
        }
        return past.stream().map(SprintTexts::historyLine).collect(Collectors.joining("\n", "**Sprints**\n", ""));
    }

    private List<String> openCycles() {
        return cycles.get().entrySet().stream().filter(cycle -> cycle.getValue().isOpen()).map(Map.Entry::getKey).toList();
    }
}
