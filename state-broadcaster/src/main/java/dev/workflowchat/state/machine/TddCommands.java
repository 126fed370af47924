package dev.workflowchat.state.machine;

import dev.workflowchat.protocol.event.TddEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The TDD side of the workflow: agents' reports with their evidence (refused against it in
 * {@code strict} mode, warned about in the others) and people's {@code /tdd} commands. A move
 * puts its story in progress, or in review when it reaches COMMIT with passing tests, and a
 * completed cycle counts on the running sprint.
 */
final class TddCommands {

    private final TddCycles tdd;
    private final WorkItems items;
    private final SprintCommands sprintCommands;
    private final Supplier<String> mode;

    TddCommands(TddCycles tdd, WorkItems items, SprintCommands sprintCommands, Supplier<String> mode) {
        this.tdd = tdd;
        this.items = items;
        this.sprintCommands = sprintCommands;
        this.mode = mode;
    }

    /**
     * An agent reports where a story's TDD cycle is, with what shows it. Evidence that contradicts
     * the phase is refused in {@code strict} mode, and accepted with a warning in the others.
     */
    Outcome report(String storyId, String to, TddEvidence evidence, String by, Instant at) {
        var target = TddCycles.parse(to);
        if (target.isEmpty()) {
            return Outcome.refused("Unknown TDD state: " + to, "One of DESIGN, TEST_RED, CODE_GREEN, REFACTOR, COMMIT");
        }
        var contradiction = TddCycles.contradiction(target.get(), evidence);
        if (contradiction.isPresent() && "strict".equals(mode.get())) {
            return Outcome.refused("Refused in strict mode: " + contradiction.get() + ".",
                    "Report the phase the tests show, or change the mode.");
        }
        String warning = contradiction.map(why -> why + " (accepted in " + mode.get() + " mode)").orElse(null);
        return move(storyId, target.get(), at, by, evidence, warning);
    }

    private Outcome move(String story, TddState target, Instant at, String by, TddEvidence evidence, String warning) {
        TddState current = tdd.phase(story);
        TddTransition moved = tdd.move(story, target, at, by, evidence, warning);
        items.story(story).ifPresent(found -> {
            if (target == TddState.COMMIT && TddCycles.passing(evidence)) {
                items.replace(found.withStatus(StoryStatus.REVIEW));
            } else if (target != TddState.COMMIT
                    && (found.status() == StoryStatus.BACKLOG || found.status() == StoryStatus.PLANNED)) {
                items.replace(found.withStatus(StoryStatus.IN_PROGRESS));
            }
        });
        if (target == TddState.COMMIT && current != null && current != TddState.COMMIT) {
            sprintCommands.count(0, 1);
        }
        return Outcome.tdd("Story " + story + ": " + (current == null ? "" : current + " → ") + "**" + target + "**"
                + (warning == null ? "" : ". ⚠ " + warning), moved);
    }


    Outcome command(List<String> args, String user, Instant at) {
        String action = args.isEmpty() ? "status" : args.get(0).toLowerCase(Locale.ROOT);
        switch (action) {
            case "status" -> {
                return Outcome.answered(tdd.status());
            }
            case "overview" -> {
                return Outcome.answered(tdd.overview(items));
            }
            default -> {
                // the rest name a story
            }
        }
        if (args.size() != 2) {
            return Outcome.refused("Name the story: /tdd " + action + " <story>", TddCycles.USAGE);
        }
        String typed = args.get(1);
        String story = items.story(typed).map(Story::id).orElse(typed);
        TddState current = tdd.phase(story);
        switch (action) {
            case "logs" -> {
                String log = tdd.logText(story);
                return log == null ? Outcome.refused("No TDD cycle for " + typed + ".", TddCycles.USAGE) : Outcome.answered(log);
            }
            case "start" -> {
                if (items.story(typed).isEmpty()) {
                    return Outcome.refused("No story " + typed + " in this project.", TddCycles.USAGE);
                }
                if (current != null && current.isOpen()) {
                    return Outcome.refused("Story " + story + " is in a TDD cycle already (" + current + ").", TddCycles.USAGE);
                }
                return move(story, TddState.DESIGN, at, user, TddEvidence.NONE, null);
            }
            case "next" -> {
                if (current == null) {
                    return Outcome.refused("No TDD cycle for " + typed + ". Use /tdd start " + typed + " first.", TddCycles.USAGE);
                }
                return move(story, current.next(), at, user, TddEvidence.NONE, null);
            }
            case "abort" -> {
                if (current == null || !current.isOpen()) {
                    return Outcome.refused("No open TDD cycle for " + typed + ".", TddCycles.USAGE);
                }
                TddTransition aborted = tdd.move(story, TddState.COMMIT, at, user, TddEvidence.NONE, "aborted");
                return Outcome.tdd("Story " + story + ": TDD cycle aborted in " + current + ".", aborted);
            }
            default -> {
                return Outcome.refused("Unknown TDD action: " + action, TddCycles.USAGE);
            }
        }
    }
}
