package dev.workflowchat.chat.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.command.CommandLine;
import dev.workflowchat.chat.command.CommandResults;
import dev.workflowchat.chat.keys.AgentKey;
import dev.workflowchat.chat.service.ProjectSnapshots;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The workflow as the agent sees and moves it: the state-broadcaster's snapshot, TDD reports, commands. */
public class WorkflowTools {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    // refused here, as a tool error, rather than dead-lettered unseen by the state-broadcaster
    private static final List<String> TDD_PHASES = List.of("DESIGN", "TEST_RED", "CODE_GREEN", "REFACTOR", "COMMIT");

    private final CallingAgent caller;
    private final AgentEvents events;
    private final ProjectSnapshots snapshots;
    private final CommandResults results;

    public WorkflowTools(CallingAgent caller, AgentEvents events, ProjectSnapshots snapshots, CommandResults results) {
        this.caller = caller;
        this.events = events;
        this.snapshots = snapshots;
        this.results = results;
    }

    @Tool(name = "get_workflow", description = "A workflow project's latest snapshot: state, mode, sprint, TDD cycles,"
            + " backlog, stories and epics.")
    Uni<ToolResponse> getWorkflow(
            @ToolArg(description = "The project (default: the key's, else default)", required = false) String project) {
        return ToolAnswers.json(() -> snapshot(caller.key(), project));
    }

    @Tool(name = "list_stories", description = "A project's stories, optionally of one status (backlog, planned,"
            + " in_progress, review, done, rejected).")
    Uni<ToolResponse> listStories(
            @ToolArg(description = "The project (default: the key's, else default)", required = false) String project,
            @ToolArg(description = "Only stories of this status", required = false) String status) {
        return ToolAnswers.json(() -> snapshot(caller.key(), project).map(found -> {
            List<JsonNode> stories = new ArrayList<>();
            found.path("work").path("stories").forEach(story -> {
                if (status == null || status.isBlank() || status.equals(story.path("status").asText())) {
                    stories.add(story);
                }
            });
            return stories;
        }));
    }

    @Tool(name = "report_tdd", description = "Move a story's TDD cycle (DESIGN, TEST_RED, CODE_GREEN, REFACTOR, COMMIT)"
            + " with its evidence; the state-broadcaster applies it as a tdd.report from this agent.")
    Uni<ToolResponse> reportTdd(
            @ToolArg(name = "story_id", description = "The story, e.g. S3") String storyId,
            @ToolArg(description = "The phase it moves to") String to,
            @ToolArg(description = "Test counts: {passed, failed, skipped}", required = false) Map<String, Integer> tests,
            @ToolArg(description = "The commit (7 to 64 hex digits)", required = false) String commit,
            @ToolArg(description = "CI: passed, failed or running", required = false) String ci,
            @ToolArg(description = "The project (default: the key's, else default)", required = false) String project) {
        return ToolAnswers.json(() -> {
            AgentKey key = caller.key();
            if (to == null || !TDD_PHASES.contains(to)) {
                throw ProtocolException.badRequest("to: one of " + String.join(", ", TDD_PHASES));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("story_id", storyId);
            data.put("to", to);
            data.put("project", ProjectScope.projectFor(key, project));
            data.put("tests", tests);
            data.put("commit", commit);
            data.put("ci", ci);
            return events.toStateBroadcaster(key, EventTypes.TDD_REPORT, data)
                    .map(id -> Map.of("event_id", id, "status", "sent"));
        });
    }

    @Tool(name = "run_command", description = "Run a workflow slash command as this agent, e.g. /sprint status;"
            + " answers {ok, message}.")
    Uni<ToolResponse> runCommand(@ToolArg(description = "The command line, starting with /") String command) {
        return ToolAnswers.json(() -> {
            AgentKey key = caller.key();
            if (command == null || !command.startsWith("/") || command.length() > EventParser.MAX_COMMAND_CHARS) {
                throw ProtocolException.badRequest("command: a slash command such as /sprint status, at most "
                        + EventParser.MAX_COMMAND_CHARS + " characters");
            }
            CommandLine line = CommandLine.parse(command);
            String project = ProjectScope.projectFor(key, null);
            String correlation = "c-" + UUID.randomUUID();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("correlation_id", correlation);
            data.put("command", line.name());
            data.put("args", line.args());
            data.put("raw", line.raw());
            data.put("user", key.source());
            data.put("project", project);
            Uni<Map<String, Object>> answer = results.await(correlation, ANSWER_WITHIN)
                    .map(result -> {
                        Map<String, Object> shown = new LinkedHashMap<>();
                        shown.put("ok", result.ok());
                        shown.put("message", result.message());
                        shown.put("hint", result.hint());
                        return shown;
                    })
                    .onFailure().recoverWithItem(failure -> Map.of("ok", false, "message",
                            "The workflow service has not answered within 5 s; the command may still take effect."));
            return events.commandToStateBroadcaster(key, data)
                    .onFailure().invoke(failure -> results.forget(correlation))
                    .chain(heard -> {
                        if (heard > 0) {
                            return answer;
                        }
                        results.forget(correlation);
                        return Uni.createFrom().<Map<String, Object>>item(Map.of("ok", false, "message",
                                "The workflow service is not answering; nothing was changed."));
                    });
        });
    }

    private Uni<JsonNode> snapshot(AgentKey key, String asked) {
        String project = ProjectScope.projectFor(key, asked);
        return snapshots.of(project).map(found -> found.orElseThrow(() -> ProtocolException.notFound("no project "
                + project + " (or the workflow service has not written it yet)")));
    }
}
