package dev.workflowchat.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.infra.DemoAgentKey;
import dev.workflowchat.infra.RawRedis;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo's MCP agent against the built chat-service, with a key minted as ./run.sh --demo mints it: it posts, its
 * approval card waits for a person who approves it over the WebSocket, and its TDD moves go on
 * its own way to the state-broadcaster.
 */
class McpDemoAgentIT {

    @Test
    void theMcpAgentPostsAsksAPersonAndReportsItsTddMoves() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess chat = ChatServiceProcess.start("demo-mcp", run, run.redis(), Map.of());
             RawRedis redis = RawRedis.connect(run.redis().uri())) {
            // the key as ./run.sh --demo mints it; the admin decides (no RestAssured on this classpath)
            String login = "{\"username\":\"admin\",\"password\":\"" + TestServices.ADMIN_PASSWORD + "\"}";
            String key = DemoAgentKey.mint(chat.port(), login).orElseThrow();
            String admin = DemoAgentKey.signIn(HttpClient.newHttpClient(), chat.port(), login).orElseThrow();
            try (ChatClient person = ChatClient.connect(chat.base(), admin)) {
                McpDemoAgent agent = new McpDemoAgent(URI.create(chat.base() + "/mcp"), key, "general");
                CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> agent.runOnce(Duration.ofSeconds(60)));
                JsonNode card = person.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                        && "Push the login fix".equals(frame.path("approval").path("title").asText()));
                assertThat(card.path("approval").path("requested_by").asText()).isEqualTo(DemoAgentKey.AGENT);
                person.awaitAck(person.send("approval.respond", "approval_id",
                        card.path("approval").path("approval_id").asText(), "action", "approve"));
                assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo("approved");
                await().atMost(ChatClient.WAIT).until(() -> person.frames().stream()
                        .filter(frame -> "message.created".equals(frame.path("type").asText()))
                        .map(frame -> frame.path("message").path("content").asText())
                        .anyMatch(content -> content.equals("Pushed the login fix: 42 tests pass.")));
            }
            assertThat(tddMoves(redis, new RedisNames(run.redisPrefix()))).containsExactly("TEST_RED", "CODE_GREEN");
        }
    }

    /** The phases of the tdd.report events the agent sent on its own way to the state-broadcaster. */
    @SuppressWarnings("unchecked")
    private static List<String> tddMoves(RawRedis redis, RedisNames names) {
        EventParser parser = new EventParser();
        List<Object> entries = (List<Object>) redis.call("XRANGE", names.stateInStream(DemoAgentKey.AGENT), "-", "+");
        return entries.stream()
                .map(entry -> (List<Object>) ((List<Object>) entry).get(1))
                .map(fields -> parser.envelope((String) fields.get(fields.indexOf("event") + 1)))
                .filter(envelope -> "tdd.report".equals(envelope.type()))
                .map(envelope -> envelope.data().path("to").asText())
                .toList();
    }
}
