package dev.workflowchat.state.machine;

import dev.workflowchat.protocol.event.TddEvidence;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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
    private final TddCommands tddCommands;
    private final Deque<Transition> history = new ArrayDeque<>();

    public WorkflowMachine(String project) {
        this.project = project;
        this.tdd = new TddCycles(project);
        this.itemCommands = new WorkItemCommands(items, story -> {
            TddState cycle = tdd.phase(story);
            return cycle != null && cycle.isOpen();
        });
        this.sprintCommands = new SprintCommands(sprints, items, tdd::phases);
        this.tddCommands = new TddCommands(tdd, items, sprintCommands, () -> mode);
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
            case "/tdd", "/tdd status", "/tdd overview", "/tdd logs" -> tddCommands.command(rest, user, at);
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

    /** Stories a person approved from an agent's proposal join the backlog ({@link WorkItemCommands#accept}). */
    public Outcome acceptStories(String epic, List<dev.workflowchat.protocol.event.ProposedStory> proposed, String by,
                                 Instant at) {
        return itemCommands.accept(epic, proposed, by, at);
    }

    /** An agent reports where a story's TDD cycle is. */
    public Outcome tddReport(String storyId, String to, Instant at) {
        return tddReport(storyId, to, TddEvidence.NONE, null, at);
    }

    /** An agent reports where a story's TDD cycle is, with what shows it ({@link TddCommands#report}). */
    public Outcome tddReport(String storyId, String to, TddEvidence evidence, String by, Instant at) {
        return tddCommands.report(storyId, to, evidence, by, at);
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
