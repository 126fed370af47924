package dev.workflowchat.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A demo agent that speaks only MCP, as Claude Code or Goose would: no Redis, an agent key and
 * the chat-service's /mcp. It says what it is doing, reports a failing test, asks a person before
 * it pushes (waiting on the card), and reports the fix green. {@code WFCHAT_MCP_URL} and
 * {@code WFCHAT_MCP_KEY} say where and with what (./run.sh --demo mints the key).
 */
public final class McpDemoAgent {

    static final String URL = "WFCHAT_MCP_URL";
    static final String KEY = "WFCHAT_MCP_KEY";
    private static final Logger LOG = Logger.getLogger(McpDemoAgent.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String key;
    private final String channel;

    McpDemoAgent(URI url, String key, String channel) {
        this.url = url;
        this.key = key;
        this.channel = channel;
    }

    /** The outcome of its approval request: approved, rejected, expired or pending. */
    String runOnce(Duration waitForPerson) {
        try (McpSyncClient client = connect()) {
            call(client, "set_status", Map.of("status", "busy", "task", "Fixing the flaky login test", "story_id", "S1"));
            call(client, "post_message", Map.of("channel", channel, "text",
                    "Hi, I'm an **MCP agent**: no Redis, only an agent key and `/mcp`. Looking at the flaky login test."));
            call(client, "report_tdd", Map.of("story_id", "S1", "to", "TEST_RED",
                    "tests", Map.of("passed", 41, "failed", 1), "ci", "failed"));
            Map<String, Object> ask = new LinkedHashMap<>();
            ask.put("type", "code_change");
            ask.put("title", "Push the login fix");
            ask.put("reason", "the session check raced the token refresh; the test is green locally");
            ask.put("risk", "medium");
            ask.put("command", "git push origin fix/login-race");
            ask.put("diff", "-    if (session.valid()) {\n+    if (session.validAfterRefresh()) {");
            ask.put("channel", channel);
            ask.put("wait_s", waitForPerson.toSeconds());
            String status = call(client, "request_approval", ask).path("status").asText();
            if ("approved".equals(status)) {
                call(client, "report_tdd", Map.of("story_id", "S1", "to", "CODE_GREEN",
                        "tests", Map.of("passed", 42, "failed", 0), "ci", "passed"));
                call(client, "post_message", Map.of("channel", channel, "text", "Pushed the login fix: 42 tests pass."));
            } else {
                call(client, "post_message", Map.of("channel", channel, "text",
                        "Not pushing the login fix (" + status + ")."));
            }
            call(client, "set_status", Map.of("status", "idle"));
            return status;
        }
    }

    private McpSyncClient connect() {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath())
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + key))
                .build();
        // longer than the longest wait for a person (request_approval's wait_s is at most 600)
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(660)).build();
        client.initialize();
        return client;
    }

    /** A tool's JSON answer; a tool error stops the script with what the server said. */
    private static JsonNode call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException(tool + ": " + text);
        }
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(tool + " answered no JSON: " + text, e);
        }
    }

    /** Runs it beside the Redis team when the environment gives a key; a failure is logged, never fatal to the team. */
    static void startIfConfigured(Map<String, String> env, String channel) {
        String url = env.getOrDefault(URL, "");
        String key = env.getOrDefault(KEY, "");
        if (url.isBlank() || key.isBlank()) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                String outcome = new McpDemoAgent(URI.create(url), key, channel).runOnce(Duration.ofSeconds(300));
                LOG.info("the MCP agent's request was " + outcome);
            } catch (RuntimeException e) {
                LOG.warning("the MCP agent stopped: " + e.getMessage());
            }
        }, "mcp-demo-agent");
        thread.setDaemon(true);
        thread.start();
        LOG.info("an MCP agent (agent key, " + url + ") joins the team in #" + channel);
    }
}
