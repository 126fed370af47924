package dev.workflowchat.state.machine;

import dev.workflowchat.protocol.event.TddEvidence;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One project's workflow: its state, mode, backlog, TDD cycles and recent transitions, driven
 * by commands, signals and TDD reports. Plain Java, no I/O: the service keeps it and announces
 * the transitions it returns.
 */
public final class WorkflowMachine {

    public static final Set<String> MODES = Set.of("strict", "rapid", "flow", "expert", "learning");
    public static final int HISTORY = 20;
    static final int CI_FAILURES_TO_BLOCK = 3;

    private final String project;
    private ProjectState state = ProjectState.IDLE;
    private String mode = "strict";
    private int ciFailuresInARow;
    private final WorkItems items = new WorkItems();
    private final TddCycles tdd;
    private final WorkItemCommands itemCommands;
    private final Sprints sprints = new Sprints();
    private final SprintCommands sprintCommands;
    private final Deque<Transition> history = new ArrayDeque<>();

    public WorkflowMachine(String project) {
        this.project = project;
        this.tdd = new TddCycles(project);
        this.itemCommands = new WorkItemCommands(items, story -> {
            TddState cycle = tdd.phase(story);
            return cycle != null && cycle.isOpen();
        });
        this.sprintCommands = new SprintCommands(sprints, items, tdd::phases);
    }

    public String project() {
        return project;
    }

    public ProjectState state() {
        return state;
    }

    public String mode() {
        return mode;
    }

    public Map<String, TddState> cycles() {
        return tdd.phases();
    }

    /** The TDD cycles with their recent moves. */
    public TddCycles tdd() {
        return tdd;
    }

    public List<Transition> history() {
        return List.copyOf(history);
    }

    /** The project's epics and stories. */
    public WorkItems items() {
        return items;
    }

    /** The project's sprints, the last one latest. */
    public Sprints sprints() {
        return sprints;
    }

    public int ciFailuresInARow() {
        return ciFailuresInARow;
    }

    /** Brings a machine back as a snapshot left it. */
    public void restore(ProjectState state, String mode, int ciFailures, Map<String, TddState> cycles,
                        List<Transition> history) {
        this.state = state;
        this.mode = mode;
        this.ciFailuresInARow = ciFailures;
        this.tdd.restore(cycles, List.of());
        this.history.clear();
        history.forEach(this::remember);
    }

    public List<String> allowedCommands() {
        return CommandTable.allowedIn(state);
    }

    /** Runs a typed command (e.g. {@code /sprint} with args {@code [start]}) for {@code user}. */
    public Outcome command(String name, List<String> args, String user, Instant at) {
        String typed = name.toLowerCase(Locale.ROOT);
        var found = CommandTable.find(typed, args);
        if (found.isEmpty()) {
            List<String> close = Suggestions.closeTo(typed, CommandTable.names());
            return Outcome.refused("Unknown command: " + typed,
                    close.isEmpty() ? "Type /help to see the commands." : "Did you mean " + String.join(", ", close) + "?");
        }
        Rule rule = found.get();
        if (!rule.allowedIn(state)) {
            String hint = hintFor(rule);
            return Outcome.refused("Command `" + rule.command() + "` is not allowed in state **" + state + "**. " + hint,
                    hint);
        }
        List<String> rest = "/sprint".equals(typed) ? args.subList(1, args.size()) : args;
        return switch (rule.command()) {
            case "/epic" -> epic(rule, rest, user, at);
            case "/epic list", "/epic show", "/epic update", "/epic close" -> itemCommands.epic(args);
            case "/story" -> itemCommands.story(args, at);
            case "/sprint status" -> Outcome.answered(sprintCommands.status(state, mode, ciFailuresInARow, at));
            case "/sprint history" -> Outcome.answered(sprintCommands.history());
            case "/sprint plan" -> step(rule, sprintCommands.plan(rest, user, at), user, at);
            case "/sprint start" -> step(rule, sprintCommands.start(at), user, at);
            case "/sprint pause" -> step(rule, sprintCommands.pause(rest, user, at), user, at);
            case "/sprint resume" -> step(rule, sprintCommands.resume(at), user, at);
            case "/sprint end" -> step(rule, sprintCommands.end(rest, at), user, at);
            case "/feedback", "/request_changes" -> String.join(" ", rest).isBlank()
                    ? Outcome.refused("`" + rule.command() + "` needs a text: " + rule.usage(), rule.usage())
                    : step(rule, sprintCommands.review(rule.command().substring(1), rest, user, at), user, at);
            case "/state" -> Outcome.answered(describe());
            case "/backlog" -> itemCommands.backlog(args, at);
            case "/mode" -> mode(rest);
            case "/tdd", "/tdd status", "/tdd overview", "/tdd logs" -> tdd(rest, user, at);
            default -> needsText(rule) && String.join(" ", rest).isBlank()
                    ? Outcome.refused("`" + rule.command() + "` needs a text: " + rule.usage(), rule.usage())
                    : move(rule, user, at);
        };
    }

    /** A signal from the orchestrator: {@code all_tasks_complete}, {@code ci_failed}, {@code ci_passed}. */
    public Outcome signal(String signal, Instant at) {
        switch (signal) {
            case "ci_passed" -> {
                ciFailuresInARow = 0;
                return Outcome.answered("CI passed.");
            }
            case "ci_failed" -> {
                if (state != ProjectState.SPRINT_ACTIVE) {
                    return Outcome.answered("CI failed (no active sprint).");
                }
                ciFailuresInARow++;
                sprintCommands.count(1, 0);
                if (ciFailuresInARow < CI_FAILURES_TO_BLOCK) {
                    return Outcome.answered("CI failed (" + ciFailuresInARow + " in a row).");
                }
                ciFailuresInARow = 0;
                return Outcome.moved("CI failed " + CI_FAILURES_TO_BLOCK + " times in a row: the sprint is **BLOCKED**.",
                        transition(ProjectState.BLOCKED, "signal ci_failed", "system", at));
            }
            case "all_tasks_complete" -> {
                if (state != ProjectState.SPRINT_ACTIVE) {
                    return Outcome.refused("all_tasks_complete ignored in state **" + state + "**.", null);
                }
                List<String> open = openCycles();
                if (!open.isEmpty()) {
                    return Outcome.refused("All tasks complete, but TDD cycles are still open: " + String.join(", ", open)
                            + ". Finish them, or use /sprint end.", "/sprint end");
                }
                String review = sprintCommands.end(List.of(), at).note();
                return Outcome.moved("All tasks complete: " + review,
                        transition(ProjectState.SPRINT_REVIEW, "signal all_tasks_complete", "system", at, review));
            }
            default -> {
                return Outcome.refused("Unknown signal: " + signal, null);
            }
        }
    }

    /**
     * Stories a person approved from an agent's proposal join the backlog: in {@code epic} when it
     * is an open epic of this project, else in none; a title already open there is skipped.
     */
    public Outcome acceptStories(String epic, List<dev.workflowchat.protocol.event.ProposedStory> proposed, String by,
                                 Instant at) {
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

    /** An agent reports where a story's TDD cycle is. */
    public Outcome tddReport(String storyId, String to, Instant at) {
        return tddReport(storyId, to, TddEvidence.NONE, null, at);
    }

    /**
     * An agent reports where a story's TDD cycle is, with what shows it. Evidence that contradicts
     * the phase is refused in {@code strict} mode, and accepted with a warning in the others.
     */
    public Outcome tddReport(String storyId, String to, TddEvidence evidence, String by, Instant at) {
        var target = TddCycles.parse(to);
        if (target.isEmpty()) {
            return Outcome.refused("Unknown TDD state: " + to, "One of DESIGN, TEST_RED, CODE_GREEN, REFACTOR, COMMIT");
        }
        var contradiction = TddCycles.contradiction(target.get(), evidence);
        if (contradiction.isPresent() && "strict".equals(mode)) {
            return Outcome.refused("Refused in strict mode: " + contradiction.get() + ".",
                    "Report the phase the tests show, or change the mode.");
        }
        String warning = contradiction.map(why -> why + " (accepted in " + mode + " mode)").orElse(null);
        return tddMove(storyId, target.get(), at, by, evidence, warning);
    }

    private Outcome tddMove(String story, TddState target, Instant at, String by, TddEvidence evidence, String warning) {
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

    private Outcome epic(Rule rule, List<String> args, String user, Instant at) {
        if (args.isEmpty() || args.size() > 2) {
            String problem = args.isEmpty() ? "An epic needs a title" : "Put the title and the description in quotes";
            return Outcome.refused(problem + ": " + rule.usage(), rule.usage());
        }
        WorkItems.Change<Epic> added = items.addEpic(args.get(0), args.size() == 2 ? args.get(1) : null, user, at);
        if (!added.ok()) {
            return Outcome.refused(added.refusal() + " Usage: " + rule.usage(), rule.usage());
        }
        return move(rule, user, at, "Epic added: " + WorkItemCommands.line(added.item()));
    }

    private Outcome step(Rule rule, SprintCommands.Step step, String user, Instant at) {
        return step.refused() != null ? step.refused() : move(rule, user, at, step.note());
    }

    private Outcome mode(List<String> args) {
        String requested = args.isEmpty() ? "" : args.get(0).toLowerCase(Locale.ROOT);
        if (!MODES.contains(requested)) {
            return Outcome.refused("Mode must be one of strict, rapid, flow, expert, learning.",
                    "/mode strict|rapid|flow|expert|learning");
        }
        mode = requested;
        return Outcome.answered("Mode is now **" + mode + "**.");
    }

    private Outcome tdd(List<String> args, String user, Instant at) {
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
                return tddMove(story, TddState.DESIGN, at, user, TddEvidence.NONE, null);
            }
            case "next" -> {
                if (current == null) {
                    return Outcome.refused("No TDD cycle for " + typed + ". Use /tdd start " + typed + " first.", TddCycles.USAGE);
                }
                return tddMove(story, current.next(), at, user, TddEvidence.NONE, null);
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

    private Outcome move(Rule rule, String user, Instant at) {
        return move(rule, user, at, null);
    }

    private Outcome move(Rule rule, String user, Instant at, String note) {
        ProjectState from = state;
        Transition transition = transition(rule.to(), rule.command(), user, at, note);
        if (rule.to() == ProjectState.SPRINT_ACTIVE && from == ProjectState.BLOCKED) {
            ciFailuresInARow = 0;
        }
        String text = "**" + from + "** → **" + rule.to() + "**" + (note == null ? "" : ". " + note);
        return Outcome.moved(text, transition);
    }

    private Transition transition(ProjectState to, String command, String by, Instant at) {
        return transition(to, command, by, at, null);
    }

    private Transition transition(ProjectState to, String command, String by, Instant at, String note) {
        Transition transition = new Transition(project, state, to, command, by, at, note);
        state = to;
        remember(transition);
        return transition;
    }

    private void remember(Transition transition) {
        history.addLast(transition);
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    private String hintFor(Rule rule) {
        String command = rule.command();
        if (state == ProjectState.SPRINT_ACTIVE && ("/sprint plan".equals(command) || "/sprint start".equals(command))) {
            return "Sprint already active. Use /sprint status or /sprint pause.";
        }
        if (state == ProjectState.SPRINT_PLANNED && "/sprint plan".equals(command)) {
            return "A sprint is already planned. Use /sprint start or /sprint status.";
        }
        if (state == ProjectState.SPRINT_ACTIVE && "/epic".equals(command)) {
            return "Cannot create epic during active sprint. Use /sprint pause first.";
        }
        if ("/sprint start".equals(command) && (state == ProjectState.IDLE || state == ProjectState.BACKLOG_READY)) {
            return "No sprint planned. Use /epic then /sprint plan first.";
        }
        return "Try it in state " + rule.allowedIn().stream().sorted().map(Enum::name).collect(Collectors.joining(", ")) + ".";
    }

    private static boolean needsText(Rule rule) {
        return rule.usage().contains("\"<");
    }

    private List<String> openCycles() {
        return tdd.open();
    }

    /** The state, the mode, what can be done now, and where each state leads. */
    public String describe() {
        StringBuilder text = new StringBuilder("State **" + state + "** · mode **" + mode + "**\n\n");
        text.append("Allowed now: ").append(String.join(", ", allowedCommands())).append("\n\n```text\n");
        for (ProjectState each : ProjectState.values()) {
            text.append(each == state ? "▶ " : "  ").append(each.name());
            List<String> exits = CommandTable.rules().stream()
                    .filter(rule -> rule.to() != null && rule.allowedIn(each) && rule.to() != each)
                    .map(rule -> rule.command() + " → " + rule.to())
                    .toList();
            if (!exits.isEmpty()) {
                text.append("  (").append(String.join("; ", exits)).append(")");
            }
            text.append('\n');
        }
        return text.append("```").toString();
    }
}
