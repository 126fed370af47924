package dev.workflowchat.protocol.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every slash command a person can type, for help and autocomplete. {@code workflow} commands
 * are answered by the state-broadcaster; the others by the chat service itself.
 */
public final class CommandCatalog {

    /** One command: how to type it, what it does, its sub-commands. */
    public record Command(String name, String usage, String description, List<String> subcommands, boolean workflow) {
    }

    public static final List<Command> ALL = List.of(
            new Command("/help", "/help [command]", "List the commands, or explain one", List.of(), false),
            new Command("/status", "/status [all]", "The agents, their presence and what they work on; all: every project",
                    List.of("all"), false),
            new Command("/assign", "/assign <agent> \"<task>\"", "Give an agent a task", List.of(), false),
            new Command("/parallel", "/parallel \"<task 1>\" \"<task 2>\" …",
                    "Ask to run tasks at once (an approval for the orchestrator)", List.of(), false),
            new Command("/approve", "/approve [id …]", "Approve pending approvals; without an id, list them", List.of(), false),
            new Command("/reject", "/reject <id> \"<reason>\"", "Reject a pending approval, saying why", List.of(), false),
            new Command("/rules", "/rules [list] · /rules revoke <R1> · /rules ask \"<pattern>\"",
                    "Standing approval rules: list them, revoke one, or add to the ask-list (admins)",
                    List.of("list", "revoke", "ask"), false),
            new Command("/epic", "/epic \"<title>\" [\"<description>\"] · /epic list|show|update|close …",
                    "Create an epic, or list, show, change or close them", List.of("list", "show", "update", "close"), true),
            new Command("/story", "/story add <epic> \"<title>\" [\"<criteria>\"] · /story show|update|remove <id> …",
                    "Add a story to an epic, or look at, change or remove one", List.of("add", "show", "update", "remove"), true),
            new Command("/sprint", "/sprint plan|start|pause|resume|end|status|history", "Run the sprint",
                    List.of("plan", "start", "pause", "resume", "end", "status", "history"), true),
            new Command("/project", "/project create|list|show|archive|bind|unbind …",
                    "Make, list, show or archive projects; bind this channel to one",
                    List.of("create", "list", "show", "archive", "bind", "unbind"), true),
            new Command("/projects", "/projects", "One line per project: state, sprint, cycles, approvals, agents",
                    List.of(), true),
            new Command("/pause", "/pause", "Pause the active sprint", List.of(), true),
            new Command("/resume", "/resume", "Resume the paused sprint", List.of(), true),
            new Command("/request_changes", "/request_changes \"<text>\"", "Send the reviewed sprint back with changes",
                    List.of(), true),
            new Command("/feedback", "/feedback \"<text>\"", "Accept the reviewed sprint with feedback", List.of(), true),
            new Command("/suggest_fix", "/suggest_fix \"<text>\"", "Unblock a blocked sprint with a fix", List.of(), true),
            new Command("/skip_task", "/skip_task", "Unblock a blocked sprint by skipping the task", List.of(), true),
            new Command("/state", "/state", "The workflow state, mode and allowed commands", List.of(), true),
            new Command("/backlog", "/backlog view · add_story [<epic>] \"<title>\" · prioritize <id> <priority> · remove <id>",
                    "Look at or change the backlog",
                    List.of("view", "add_story", "prioritize", "remove"), true),
            new Command("/mode", "/mode strict|rapid|flow|expert|learning", "Set the project's mode",
                    List.of("strict", "rapid", "flow", "expert", "learning"), true),
            new Command("/tdd", "/tdd start|next|abort <story> · /tdd status|overview · /tdd logs <story>",
                    "Drive a story's TDD cycle, or look at the cycles", List.of("start", "next", "status", "abort", "overview",
                    "logs"), true));

    private CommandCatalog() {
    }

    /** The command of a typed name, with or without its slash. */
    public static Optional<Command> find(String name) {
        String wanted = (name.startsWith("/") ? name : "/" + name).toLowerCase(Locale.ROOT);
        return ALL.stream().filter(command -> command.name().equals(wanted)).findFirst();
    }
}
