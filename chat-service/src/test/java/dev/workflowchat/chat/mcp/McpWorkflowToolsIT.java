package dev.workflowchat.chat.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Approvals;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.McpAgents;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workflow tools against the built chat-service with the state-broadcaster running: an agent
 * reads its project's snapshot, builds a backlog and starts a sprint with slash commands, lists
 * the stories, and walks a story's TDD cycle with evidence (a contradicting report refused in
 * strict mode); what the tools refuse; and run_command when the workflow service is gone.
 */
class McpWorkflowToolsIT {

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static StateBroadcasterProcess state;
    private static Accounts accounts;
    private static McpAgents agents;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("mcp-workflow", run, run.redis(), Map.of());
        state = StateBroadcasterProcess.start(run, run.redis());
        accounts = Accounts.on(chat.base());
        agents = new McpAgents(chat.base());
    }

    @AfterAll
    static void stop() {
        if (state != null) {
            state.close();
        }
        if (chat != null) {
            chat.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void anAgentReadsItsProjectBuildsASprintAndWalksAStorysTddCycle() throws Exception {
        String project = newProject();
        String agent = McpAgents.newAgent();
        try (McpSyncClient client = agents.connect(agents.mint(agent, "{\"project\":\"" + project + "\"}"));
             RedisClient redis = new RedisClient(run.redis().uri())) {
            JsonNode snapshot = json(call(client, "get_workflow", Map.of()));
            assertThat(snapshot.path("project").asText()).isEqualTo(project);
            assertThat(snapshot.path("state").asText()).isEqualTo("IDLE");
            assertThat(snapshot.path("mode").asText()).isEqualTo("strict");

            assertCommand(client, "/epic \"Checkout\" \"pay by card\"", "Checkout");
            assertCommand(client, "/story add E1 \"Card form\"", "S1");
            assertCommand(client, "/story add E1 \"Receipt\"", "S2");
            await().atMost(ChatClient.WAIT).until(() -> json(call(client, "list_stories", Map.of("status", "backlog")))
                    .findValuesAsText("id").containsAll(java.util.List.of("S1", "S2")));
            JsonNode cardForm = json(call(client, "list_stories", Map.of())).get(0);
            assertThat(cardForm.path("title").asText()).isEqualTo("Card form");
            assertThat(cardForm.path("epic_id").asText()).isEqualTo("E1");
            assertThat(json(call(client, "list_stories", Map.of("status", "done")))).isEmpty();

            assertCommand(client, "/sprint plan 1w S1 S2", "");
            assertCommand(client, "/sprint start", "");
            await().atMost(ChatClient.WAIT).until(() -> "SPRINT_ACTIVE".equals(
                    json(call(client, "get_workflow", Map.of())).path("state").asText()));

            JsonNode sent = json(call(client, "report_tdd", Map.of("story_id", "S1", "to", "TEST_RED",
                    "tests", Map.of("passed", 4, "failed", 2), "commit", "9f2c1e7", "ci", "failed")));
            assertThat(sent.path("status").asText()).isEqualTo("sent");
            awaitPhase(client, "S1", "TEST_RED");
            String lie = json(call(client, "report_tdd", Map.of("story_id", "S1", "to", "CODE_GREEN",
                    "tests", Map.of("passed", 5, "failed", 1)))).path("event_id").asText();
            RedisNames names = new RedisNames(run.redisPrefix());
            await().atMost(ChatClient.WAIT).until(() -> StreamSupport.stream(
                            redis.xrange(names.agentStream(agent)).spliterator(), false)
                    .anyMatch(entry -> entry.toString().contains(lie) && entry.toString().contains("tdd.refused")));
            assertThat(json(call(client, "get_workflow", Map.of())).path("tdd_cycles").path("S1").asText())
                    .isEqualTo("TEST_RED");
            call(client, "report_tdd", Map.of("story_id", "S1", "to", "CODE_GREEN", "tests", Map.of("passed", 6, "failed", 0)));
            call(client, "report_tdd", Map.of("story_id", "S1", "to", "COMMIT", "tests", Map.of("passed", 6, "failed", 0),
                    "ci", "passed"));
            awaitPhase(client, "S1", "COMMIT");
            await().atMost(ChatClient.WAIT).until(() -> json(call(client, "list_stories", Map.of("status", "review")))
                    .findValuesAsText("id").contains("S1"));
            String logs = json(call(client, "run_command", Map.of("command", "/tdd logs S1"))).path("message").asText();
            assertThat(logs).contains("TEST_RED by agent:" + agent).contains("4 passed, 2 failed")
                    .doesNotContain("5 passed, 1 failed");
        }
    }

    @Test
    void aRefusedCommandIsAnsweredNotOkWithTheWorkflowsReason() {
        String project = newProject();
        try (McpSyncClient client = agents.connect(agents.mint(McpAgents.newAgent(), "{\"project\":\"" + project + "\"}"))) {
            JsonNode refused = json(call(client, "run_command", Map.of("command", "/sprint start")));
            assertThat(refused.path("ok").asBoolean()).isFalse();
            assertThat(refused.path("message").asText()).contains("IDLE");
        }
    }

    @Test
    void theWorkflowToolsRefuseBadArgumentsAndOtherProjectsAsToolErrors() {
        String project = newProject();
        try (McpSyncClient client = agents.connect(agents.mint(McpAgents.newAgent(), "{\"project\":\"" + project + "\"}"))) {
            assertToolError(call(client, "get_workflow", Map.of("project", "default")), "forbidden: this key is for project");
            assertToolError(call(client, "list_stories", Map.of("project", "default")), "forbidden");
            assertToolError(call(client, "report_tdd", Map.of("story_id", "S1", "to", "TEST_RED", "project", "default")),
                    "forbidden");
            assertToolError(call(client, "get_workflow", Map.of("project", "Not A Project")), "bad_request: project");
            assertToolError(call(client, "run_command", Map.of("command", "sprint status")), "bad_request: command");
            assertToolError(call(client, "run_command", Map.of("command", "/" + "x".repeat(5000))), "bad_request: command");
            assertToolError(call(client, "report_tdd", Map.of("story_id", "S1", "to", "SIDEWAYS")), "bad_request: to: one of DESIGN");
            assertToolError(call(client, "report_tdd", Map.of("story_id", "S1", "to", "COMMIT", "commit", "not-a-sha")),
                    "bad_request");
            assertToolError(call(client, "report_tdd", Map.of("story_id", "S1", "to", "TEST_RED",
                    "tests", Map.of("passed", -1, "failed", 1))), "bad_request");
        }
        try (McpSyncClient anywhere = agents.connect(agents.mint(McpAgents.newAgent()))) {
            assertToolError(call(anywhere, "get_workflow", Map.of("project", "never-made-" + project)), "not_found: no project");
        }
    }

    @Test
    void runCommandSaysSoWhenTheWorkflowServiceDoesNotAnswer() throws Exception {
        String project = newProject();
        try (McpSyncClient client = agents.connect(agents.mint(McpAgents.newAgent(), "{\"project\":\"" + project + "\"}"))) {
            state.close();
            JsonNode answer = json(call(client, "run_command", Map.of("command", "/sprint status")));
            assertThat(answer.path("ok").asBoolean()).isFalse();
            assertThat(answer.path("message").asText()).isEqualTo("The workflow service is not answering; nothing was changed.");
        } finally {
            state = StateBroadcasterProcess.start(run, run.redis());
        }
    }

    // ---- helpers

    /** A project of its own, made by a person, its snapshot written. */
    private static String newProject() {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient person = ChatClient.connect(chat.base(), accounts.newApprover("lead").token())) {
            JsonNode created = person.awaitAnswer(person.send("message.send", "channel", "general", "content",
                    "/project create " + project));
            assertThat(created.path("ok").asBoolean()).as(created.path("message").asText()).isTrue();
        }
        return project;
    }

    private static void assertCommand(McpSyncClient client, String command, String mentioned) {
        JsonNode answer = json(call(client, "run_command", Map.of("command", command)));
        assertThat(answer.path("ok").asBoolean()).as(command + " → " + answer).isTrue();
        assertThat(answer.path("message").asText()).contains(mentioned);
    }

    private static void awaitPhase(McpSyncClient client, String story, String phase) {
        await().atMost(ChatClient.WAIT).until(() -> phase.equals(
                json(call(client, "get_workflow", Map.of())).path("tdd_cycles").path(story).asText()));
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return McpAgents.call(client, tool, arguments);
    }

    private static JsonNode json(McpSchema.CallToolResult result) {
        assertThat(result.isError()).as(McpAgents.text(result)).isNotEqualTo(Boolean.TRUE);
        return Approvals.json(McpAgents.text(result));
    }

    private static void assertToolError(McpSchema.CallToolResult result, String start) {
        assertThat(result.isError()).as(McpAgents.text(result)).isTrue();
        assertThat(McpAgents.text(result)).startsWith(start).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
