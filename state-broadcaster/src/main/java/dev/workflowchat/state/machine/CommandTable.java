package dev.workflowchat.state.machine;

import static dev.workflowchat.state.machine.ProjectState.BACKLOG_READY;
import static dev.workflowchat.state.machine.ProjectState.BLOCKED;
import static dev.workflowchat.state.machine.ProjectState.IDLE;
import static dev.workflowchat.state.machine.ProjectState.SPRINT_ACTIVE;
import static dev.workflowchat.state.machine.ProjectState.SPRINT_PAUSED;
import static dev.workflowchat.state.machine.ProjectState.SPRINT_PLANNED;
import static dev.workflowchat.state.machine.ProjectState.SPRINT_REVIEW;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workflow commands of workflow.md: who may run what in which state, and where it leads. */
public final class CommandTable {

    private static final List<Rule> RULES = List.of(
            Rule.moves("/epic", "/epic \"<title>\" [\"<description>\"]", "Create an epic for the backlog", BACKLOG_READY,
                    IDLE, BACKLOG_READY),
            Rule.stays("/epic list", "/epic list", "The project's epics", EnumSet.allOf(ProjectState.class)),
            Rule.stays("/epic show", "/epic show <id>", "An epic and its stories", EnumSet.allOf(ProjectState.class)),
            Rule.stays("/epic update", "/epic update <id> title|description \"<text>\"", "Change an epic",
                    EnumSet.allOf(ProjectState.class)),
            Rule.stays("/epic close", "/epic close <id>", "Close an epic", EnumSet.allOf(ProjectState.class)),
            Rule.stays("/story", "/story add|show|update|remove …", "Add, look at or change a story",
                    EnumSet.allOf(ProjectState.class)),
            Rule.moves("/sprint plan", SprintPlan.USAGE, "Plan a sprint from the backlog", SPRINT_PLANNED, BACKLOG_READY),
            Rule.moves("/sprint start", "/sprint start", "Start the planned sprint", SPRINT_ACTIVE, SPRINT_PLANNED),
            Rule.moves("/sprint pause", "/sprint pause [\"reason\"]", "Pause the active sprint", SPRINT_PAUSED, SPRINT_ACTIVE),
            Rule.moves("/sprint resume", "/sprint resume", "Resume the paused sprint", SPRINT_ACTIVE, SPRINT_PAUSED),
            Rule.moves("/sprint end", "/sprint end [--force]", "End the sprint and review it", SPRINT_REVIEW,
                    SPRINT_ACTIVE, SPRINT_PAUSED),
            Rule.stays("/sprint status", "/sprint status", "How the sprint is going",
                    EnumSet.of(SPRINT_PLANNED, SPRINT_ACTIVE, SPRINT_PAUSED, BLOCKED, SPRINT_REVIEW)),
            Rule.stays("/sprint history", "/sprint history", "Past sprints, planned and done",
                    EnumSet.allOf(ProjectState.class)),
            Rule.moves("/request_changes", "/request_changes \"<text>\"", "Send the sprint back with changes",
                    BACKLOG_READY, SPRINT_REVIEW),
            Rule.moves("/feedback", "/feedback \"<text>\"", "Accept the sprint with feedback", IDLE, SPRINT_REVIEW),
            Rule.moves("/suggest_fix", "/suggest_fix \"<text>\"", "Unblock with a suggested fix", SPRINT_ACTIVE, BLOCKED),
            Rule.moves("/skip_task", "/skip_task", "Unblock by skipping the failing task", SPRINT_ACTIVE, BLOCKED),
            Rule.stays("/state", "/state", "The state, mode and allowed commands", EnumSet.allOf(ProjectState.class)),
            Rule.stays("/backlog", "/backlog view|add_story|prioritize|remove …", "Look at or change the backlog",
                    EnumSet.complementOf(EnumSet.of(SPRINT_REVIEW))),
            Rule.stays("/mode", "/mode strict|rapid|flow|expert|learning", "Set the project's mode",
                    EnumSet.allOf(ProjectState.class)),
            Rule.stays("/tdd", "/tdd start|next|abort <story>", "Drive a story's TDD cycle",
                    EnumSet.of(SPRINT_ACTIVE)),
            Rule.stays("/tdd status", "/tdd status", "Each story's TDD phase", EnumSet.allOf(ProjectState.class)),
            Rule.stays("/tdd overview", "/tdd overview", "The open TDD cycles, with their last tests",
                    EnumSet.allOf(ProjectState.class)),
            Rule.stays("/tdd logs", "/tdd logs <story>", "A TDD cycle's moves and evidence", EnumSet.allOf(ProjectState.class)));

    /** Short forms that mean the same command. */
    private static final Map<String, String> ALIASES = Map.of("/pause", "/sprint pause", "/resume", "/sprint resume");

    /** The sub-commands of {@code /epic}; anything else after it is the title of a new epic. */
    private static final java.util.Set<String> EPIC_ACTIONS = java.util.Set.of("list", "show", "update", "close");
    /** The sub-commands of {@code /tdd} that only read, allowed in every state. */
    private static final java.util.Set<String> TDD_READING = java.util.Set.of("status", "overview", "logs");

    private static final Map<String, Rule> BY_COMMAND = new LinkedHashMap<>();

    static {
        RULES.forEach(rule -> BY_COMMAND.put(rule.command(), rule));
    }

    private CommandTable() {
    }

    public static List<Rule> rules() {
        return RULES;
    }

    /**
     * The rule for a typed command and its arguments: {@code /sprint} takes its first argument as
     * the sub-command; aliases are resolved.
     */
    public static Optional<Rule> find(String name, List<String> args) {
        String key = ALIASES.getOrDefault(name, name);
        if ("/sprint".equals(key) && !args.isEmpty()) {
            key = "/sprint " + args.get(0).toLowerCase(java.util.Locale.ROOT);
        } else if ("/epic".equals(key) && !args.isEmpty() && EPIC_ACTIONS.contains(args.get(0).toLowerCase(java.util.Locale.ROOT))) {
            key = "/epic " + args.get(0).toLowerCase(java.util.Locale.ROOT);
        } else if ("/tdd".equals(key) && (args.isEmpty() || TDD_READING.contains(args.get(0).toLowerCase(java.util.Locale.ROOT)))) {
            key = "/tdd " + (args.isEmpty() ? "status" : args.get(0).toLowerCase(java.util.Locale.ROOT));
        }
        return Optional.ofNullable(BY_COMMAND.get(key));
    }

    /** Every command name a person can type, for suggestions and completion. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>();
        for (Rule rule : RULES) {
            String first = rule.command().split(" ")[0];
            if (!names.contains(first)) {
                names.add(first);
            }
        }
        names.addAll(ALIASES.keySet().stream().sorted().toList());
        return names;
    }

    /** The commands allowed in a state, as typed. */
    public static List<String> allowedIn(ProjectState state) {
        return RULES.stream().filter(rule -> rule.allowedIn(state)).map(Rule::command).toList();
    }
}
