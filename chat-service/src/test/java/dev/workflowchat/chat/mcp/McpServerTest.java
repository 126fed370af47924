package dev.workflowchat.chat.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Approvals;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.McpAgents;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP server driven by the official MCP Java SDK client: the tools it lists, a post seen over
 * the WebSocket, approvals decided by a person over the WebSocket while the tool waits, and the
 * permission-prompt tool answering as Claude Code expects.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class McpServerTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    private McpAgents agents;
    private Approvals approvals;

    @BeforeEach
    void setUp() {
        agents = new McpAgents(base);
        approvals = new Approvals(base, redis, names);
    }

    @Test
    void listsEveryToolWithItsSchema() {
        try (McpSyncClient client = agents.connect(agents.mint(McpAgents.newAgent()))) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).contains("post_message", "read_messages", "set_status",
                    "request_approval", "await_decision", "approval_prompt", "get_workflow", "list_stories",
                    "report_tdd", "run_command");
            McpSchema.Tool post = tools.stream().filter(tool -> tool.name().equals("post_message")).findFirst().orElseThrow();
            JsonNode schema = ProtocolJson.mapper().valueToTree(post.inputSchema());
            assertThat(schema.path("required").toString()).contains("\"channel\"", "\"text\"").doesNotContain("thread_id");
            assertThat(schema.path("properties").has("thread_id")).isTrue();
        }
    }

    @Test
    void postsAMessageAsTheAgentThatEveryoneSees() {
        String agent = McpAgents.newAgent();
        ChatClient reader = ChatClient.connect(base, Accounts.member("reader").token());
        try (McpSyncClient client = agents.connect(agents.mint(agent))) {
            McpSchema.CallToolResult result = McpAgents.call(client, "post_message",
                    Map.of("channel", "general", "text", "Tests pass on **main**"));
            assertThat(result.isError()).as(McpAgents.text(result)).isNotEqualTo(Boolean.TRUE);
            JsonNode frame = reader.awaitFrame(candidate -> "message.created".equals(candidate.path("type").asText())
                    && "Tests pass on **main**".equals(candidate.path("message").path("content").asText()));
            assertThat(frame.path("message").path("author_id").asText()).isEqualTo(agent);
            JsonNode read = Approvals.json(McpAgents.text(McpAgents.call(client, "read_messages",
                    Map.of("channel", "general", "limit", 5))));
            assertThat(read.path("messages").findValuesAsText("content")).contains("Tests pass on **main**");
        } finally {
            reader.close();
        }
    }

    @Test
    void requestApprovalWaitsForThePersonsDecision() {
        String project = approvals.project("strict", 0);
        String agent = McpAgents.newAgent();
        ChatClient approver = ChatClient.connect(base, Accounts.approver("decider").token());
        try (McpSyncClient client = agents.connect(agents.mint(agent, "{\"project\":\"" + project + "\"}"))) {
            CompletableFuture<McpSchema.CallToolResult> waiting = CompletableFuture.supplyAsync(() -> McpAgents.call(
                    client, "request_approval", Map.of("type", "deploy", "title", "Deploy " + agent, "reason",
                            "the sprint is done", "risk", "high", "command", "make deploy", "wait_s", 60)));
            String id = approvalAsked(approver, "Deploy " + agent);
            assertThat(waiting).isNotDone();
            approver.awaitAck(approver.send("approval.respond", "approval_id", id, "action", "approve", "comment", "go"));
            JsonNode decision = Approvals.json(McpAgents.text(waiting.join()));
            assertThat(decision.path("status").asText()).isEqualTo("approved");
            assertThat(decision.path("approval_id").asText()).isEqualTo(id);
            assertThat(decision.path("comment").asText()).isEqualTo("go");
            assertThat(decision.path("by").asText()).startsWith("decider");
        } finally {
            approver.close();
        }
    }

    @Test
    void pastWaitSTheRequestIsPendingAndAwaitDecisionContinues() {
        String project = approvals.project("strict", 0);
        String agent = McpAgents.newAgent();
        ChatClient approver = ChatClient.connect(base, Accounts.approver("later").token());
        try (McpSyncClient client = agents.connect(agents.mint(agent, "{\"project\":\"" + project + "\"}"))) {
            JsonNode pending = Approvals.json(McpAgents.text(McpAgents.call(client, "request_approval", Map.of("type",
                    "deploy", "title", "Later " + agent, "reason", "r", "risk", "medium", "wait_s", 0))));
            assertThat(pending.path("status").asText()).isEqualTo("pending");
            String id = pending.path("approval_id").asText();
            CompletableFuture<McpSchema.CallToolResult> waiting = CompletableFuture.supplyAsync(() -> McpAgents.call(
                    client, "await_decision", Map.of("id", id, "wait_s", 60)));
            approver.awaitAck(approver.send("approval.respond", "approval_id", id, "action", "reject", "comment", "no"));
            assertThat(Approvals.json(McpAgents.text(waiting.join())).path("status").asText()).isEqualTo("rejected");
        } finally {
            approver.close();
        }
    }

    @Test
    void anAgentThatDisconnectsWhileWaitingStillGetsTheDecisionOnItsStream() {
        String project = approvals.project("strict", 0);
        String agent = McpAgents.newAgent();
        ChatClient approver = ChatClient.connect(base, Accounts.approver("absent").token());
        McpSyncClient client = agents.connect(agents.mint(agent, "{\"project\":\"" + project + "\"}"));
        CompletableFuture.runAsync(() -> McpAgents.call(client, "request_approval", Map.of("type", "deploy", "title",
                "Gone " + agent, "reason", "r", "risk", "high", "wait_s", 600)));
        String id = approvalAsked(approver, "Gone " + agent);
        client.close();
        assertThat(approvals.status(id)).isEqualTo("pending");
        approver.awaitAck(approver.send("approval.respond", "approval_id", id, "action", "approve"));
        await().atMost(ChatClient.WAIT).until(() -> redis.stream(String.class)
                .xrange(names.agentStream(agent), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).stream()
                .map(entry -> Approvals.json(entry.payload().get("event")))
                .anyMatch(event -> "approval.decided".equals(event.path("type").asText())
                        && id.equals(event.path("data").path("approval_id").asText())));
        approver.close();
    }

    @Test
    void thePermissionPromptAllowsDeniesAndPassesOnAPersonsChanges() {
        String project = approvals.project("strict", 0);
        String agent = McpAgents.newAgent();
        ChatClient approver = ChatClient.connect(base, Accounts.approver("prompter").token());
        try (McpSyncClient client = agents.connect(agents.mint(agent, "{\"project\":\"" + project + "\"}"))) {
            JsonNode allowed = prompt(client, approver, "Bash", Map.of("command", "ls -la " + agent), "approve", Map.of());
            assertThat(allowed.path("behavior").asText()).isEqualTo("allow");
            assertThat(allowed.path("updatedInput").path("command").asText()).isEqualTo("ls -la " + agent);

            JsonNode denied = prompt(client, approver, "Bash", Map.of("command", "rm -rf / " + agent), "reject",
                    Map.of("comment", "not on my watch"));
            assertThat(denied.path("behavior").asText()).isEqualTo("deny");
            assertThat(denied.path("message").asText()).contains("not on my watch");

            JsonNode changed = prompt(client, approver, "Edit", Map.of("file_path", "src/" + agent + ".java",
                    "old_string", "a", "new_string", "b"), "modify", Map.of("modifications", Map.of("new_string", "c")));
            assertThat(changed.path("behavior").asText()).isEqualTo("allow");
            assertThat(changed.path("updatedInput").path("new_string").asText()).isEqualTo("c");
            assertThat(changed.path("updatedInput").path("file_path").asText()).isEqualTo("src/" + agent + ".java");
        } finally {
            approver.close();
        }
    }

    @Test
    void thePermissionPromptFollowsTheRiskTableAndAStandingRule() {
        String project = approvals.project("strict", 0);
        String agent = McpAgents.newAgent();
        approvals.rule(Accounts.approver("standing").token(), "{\"kind\":\"allow\",\"project\":\"" + project
                + "\",\"agent\":\"" + agent + "\",\"request_type\":\"tool_use\",\"command_prefix\":\"npm test\","
                + "\"max_risk\":\"high\",\"until\":\"revoked\"}");
        try (McpSyncClient client = agents.connect(agents.mint(agent, "{\"project\":\"" + project + "\"}"))) {
            JsonNode answer = Approvals.json(McpAgents.text(McpAgents.call(client, "approval_prompt",
                    Map.of("tool_name", "Bash", "input", Map.of("command", "npm test -- --bail"), "tool_use_id", "t1"))));
            assertThat(answer.path("behavior").asText()).isEqualTo("allow");
            assertThat(answer.path("updatedInput").path("command").asText()).isEqualTo("npm test -- --bail");
        }
    }

    private JsonNode prompt(McpSyncClient client, ChatClient approver, String tool, Map<String, Object> input,
                            String action, Map<String, Object> extra) {
        CompletableFuture<McpSchema.CallToolResult> waiting = CompletableFuture.supplyAsync(() -> McpAgents.call(
                client, "approval_prompt", Map.of("tool_name", tool, "input", input)));
        String id = approvalAskedWith(approver, approval -> approval.path("payload").path("input").equals(
                ProtocolJson.mapper().valueToTree(input)));
        Map<String, Object> fields = new LinkedHashMap<>(extra);
        List<Object> frame = new java.util.ArrayList<>(List.of("approval_id", id, "action", action));
        fields.forEach((key, value) -> {
            frame.add(key);
            frame.add(value);
        });
        approver.awaitAck(approver.send("approval.respond", frame.toArray()));
        McpSchema.CallToolResult result = waiting.join();
        assertThat(result.isError()).as(McpAgents.text(result)).isNotEqualTo(Boolean.TRUE);
        return Approvals.json(McpAgents.text(result));
    }

    private static String approvalAsked(ChatClient approver, String title) {
        return approvalAskedWith(approver, approval -> title.equals(approval.path("title").asText()));
    }

    private static String approvalAskedWith(ChatClient approver, java.util.function.Predicate<JsonNode> which) {
        return approver.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                && which.test(frame.path("approval"))).path("approval").path("approval_id").asText();
    }
}
