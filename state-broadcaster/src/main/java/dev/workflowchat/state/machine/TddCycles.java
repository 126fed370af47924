package dev.workflowchat.state.machine;

import dev.workflowchat.protocol.event.TddEvidence;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A project's TDD cycles, one per story: the phase each is in and its last moves with their
 * evidence. A report whose evidence contradicts its phase (green with failing tests, red with
 * none failing) is refused in {@code strict} mode and accepted with a warning in the others.
 */
public final class TddCycles {

    static final int LOG_KEPT = 30;
    static final String USAGE = "/tdd start|next|abort <story> · /tdd status · /tdd overview · /tdd logs <story>";

    private final String project;
    private final Map<String, TddState> phases = new LinkedHashMap<>();
    private final Map<String, Deque<TddTransition>> logs = new LinkedHashMap<>();

    TddCycles(String project) {
        this.project = project;
    }

    public Map<String, TddState> phases() {
        return Map.copyOf(phases);
    }

    /** The kept moves of a story's cycle, oldest first. */
    public List<TddTransition> log(String story) {
        return List.copyOf(logs.getOrDefault(story, new ArrayDeque<>()));
    }

    public List<String> open() {
        return phases.entrySet().stream().filter(cycle -> cycle.getValue().isOpen()).map(Map.Entry::getKey).toList();
    }

    void restore(Map<String, TddState> phases, List<TddTransition> log) {
        this.phases.clear();
        this.phases.putAll(phases);
        restoreLog(log);
    }

    /** The cycles' recent moves as they were stored, oldest first. */
    public void restoreLog(List<TddTransition> log) {
        this.logs.clear();
        log.forEach(this::remember);
    }

    /** Why a report can't be taken as it is ({@code strict}) or must carry a warning (other modes); empty when it fits. */
    static Optional<String> contradiction(TddState to, TddEvidence evidence) {
        if (evidence.failed() == null) {
            return Optional.empty();
        }
        if (to == TddState.CODE_GREEN && evidence.failed() > 0) {
            return Optional.of("CODE_GREEN reported with " + evidence.failed() + " failing tests");
        }
        if (to == TddState.TEST_RED && evidence.failed() == 0) {
            return Optional.of("TEST_RED reported with no failing test");
        }
        return Optional.empty();
    }

    /** Whether a move into COMMIT shows passing work: tests with none failing, or a passed CI run. */
    static boolean passing(TddEvidence evidence) {
        return evidence.failed() != null ? evidence.failed() == 0 : "passed".equals(evidence.ci());
    }

    TddTransition move(String story, TddState to, Instant at, String by, TddEvidence evidence, String warning) {
        TddState from = phases.put(story, to);
        TddTransition transition = new TddTransition(project, story, from, to, at, by, evidence, warning);
        remember(transition);
        return transition;
    }

    TddState phase(String story) {
        return phases.get(story);
    }

    String status() {
        return phases.isEmpty() ? "No TDD cycles." : phases.entrySet().stream()
                .map(cycle -> "- " + cycle.getKey() + ": " + cycle.getValue())
                .collect(Collectors.joining("\n", "**TDD cycles**\n", ""));
    }

    String overview(WorkItems items) {
        List<String> open = open();
        if (open.isEmpty()) {
            return "No open TDD cycles.";
        }
        List<String> lines = new ArrayList<>();
        for (String story : open) {
            Deque<TddTransition> log = logs.getOrDefault(story, new ArrayDeque<>());
            String title = items.story(story).map(found -> " " + found.title()).orElse("");
            String since = log.isEmpty() ? "" : " since " + log.getLast().at();
            String lastTests = log.stream().filter(move -> move.evidence().hasTests()).reduce((a, b) -> b)
                    .map(move -> " · last tests: " + tests(move.evidence())).orElse(" · no test result yet");
            lines.add("- " + story + title + ": " + phases.get(story) + since + lastTests);
        }
        return "**Open TDD cycles**\n" + String.join("\n", lines);
    }

    String logText(String typed) {
        String story = Optional.ofNullable(WorkText.id('S', typed)).orElse(typed);
        Deque<TddTransition> log = logs.get(story);
        if (log == null || log.isEmpty()) {
            return null;
        }
        return log.stream().map(TddCycles::line).collect(Collectors.joining("\n", "**TDD cycle of " + story + "**\n", ""));
    }

    static String line(TddTransition move) {
        TddEvidence evidence = move.evidence();
        StringBuilder text = new StringBuilder("- " + move.at() + " " + (move.from() == null ? "" : move.from() + " → ")
                + move.to() + (move.by() == null ? "" : " by " + move.by()));
        if (evidence.hasTests()) {
            text.append(" · tests ").append(tests(evidence));
        }
        if (evidence.commit() != null) {
            text.append(" · commit ").append(evidence.commit(), 0, Math.min(12, evidence.commit().length()));
        }
        if (evidence.ci() != null) {
            text.append(" · CI ").append(evidence.ci());
        }
        if (evidence.url() != null) {
            text.append(" · ").append(evidence.url());
        }
        if (move.warning() != null) {
            text.append(" · ⚠ ").append(move.warning());
        }
        return text.toString();
    }

    static String tests(TddEvidence evidence) {
        return (evidence.passed() == null ? "?" : evidence.passed()) + " passed, "
                + (evidence.failed() == null ? "?" : evidence.failed()) + " failed"
                + (evidence.skipped() == null ? "" : ", " + evidence.skipped() + " skipped");
    }

    static Optional<TddState> parse(String to) {
        try {
            return Optional.of(TddState.valueOf(to.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private void remember(TddTransition transition) {
        Deque<TddTransition> log = logs.computeIfAbsent(transition.storyId(), story -> new ArrayDeque<>());
        log.addLast(transition);
        while (log.size() > LOG_KEPT) {
            log.removeFirst();
        }
    }
}
