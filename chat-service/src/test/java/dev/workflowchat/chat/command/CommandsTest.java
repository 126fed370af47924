package dev.workflowchat.chat.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands the chat answers itself, and autocomplete. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CommandsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void helpListsEveryCommandFromTheCatalogAndExplainsOne() {
        try (ChatClient client = ChatClient.connect(base, Accounts.member("helpme").token())) {
            JsonNode all = run(client, "/help");
            assertThat(all.path("ok").asBoolean()).isTrue();
            assertThat(all.path("message").asText()).contains("/sprint plan|start|pause|resume|end|status")
                    .contains("/assign <agent>").contains("/approve [id …]").contains("/tdd");
            JsonNode one = run(client, "/help sprint");
            assertThat(one.path("message").asText()).contains("Run the sprint").contains("`plan`").contains("workflow service");
            assertThat(run(client, "/help nothing").path("ok").asBoolean()).isFalse();
        }
    }

    /**
     * A workflow command nobody received changed nothing, and says so; one the state-broadcaster
     * received but did not answer in time may still take effect, and says that instead.
     */
    @Test
    void aWorkflowCommandWithoutAnAnswerSaysWhetherItMayStillTakeEffect() {
        try (ChatClient client = ChatClient.connect(base, Accounts.member("waiter").token())) {
            JsonNode unheard = run(client, "/sprint start");
            assertThat(unheard.path("ok").asBoolean()).isFalse();
            assertThat(unheard.path("message").asText()).isEqualTo(CommandService.NOT_ANSWERING);

            // a state-broadcaster that takes the command and never answers
            List<String> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
            var silent = redis.pubsub(String.class).subscribe(names.stateCommands(), taken::add);
            try {
                await().atMost(ChatClient.WAIT).until(() ->
                        redis.execute("PUBSUB", "NUMSUB", names.stateCommands()).get(1).toLong() >= 1);
                JsonNode late = run(client, "/sprint start");
                assertThat(late.path("ok").asBoolean()).isFalse();
                assertThat(late.path("message").asText()).isEqualTo(CommandService.NO_ANSWER_YET);
                assertThat(taken).hasSize(1);
            } finally {
                silent.unsubscribe();
            }
        }
    }

    @Test
    void statusShowsTheAgentsAndTheirTasks() {
        new Agent(redis, names).add(Agent.status(Agent.newId(), "design", "busy", "Drafting the API", Instant.now().toString()));
        try (ChatClient client = ChatClient.connect(base, Accounts.member("boss").token())) {
            await().atMost(ChatClient.WAIT).until(() -> run(client, "/status").path("message").asText()
                    .contains("📐 **design** busy · Drafting the API"));
        }
    }

    @Test
    void statusNamesEachChannelTheDiscordBridgeReportsUnhealthyAndSkipsABadReport() {
        String key = names.bridgeHealth();
        try (ChatClient client = ChatClient.connect(base, Accounts.member("watcher").token())) {
            redis.value(String.class).set(key, "{\"at\":\"2026-12-04T00:00:00Z\",\"unhealthy\":[{\"channel\":\"locked\","
                    + "\"reason\":\"missing Manage Webhooks\",\"since\":\"2026-12-04T00:00:00.123Z\"}]}");
            assertThat(run(client, "/status").path("message").asText()).contains(
                    "- ⚠️ Discord bridge: **#locked** is not relayed to Discord since 2026-12-04T00:00:00Z: missing Manage Webhooks");

            redis.value(String.class).set(key, "{not json");
            JsonNode unreadable = run(client, "/status");
            assertThat(unreadable.path("ok").asBoolean()).isTrue();
            assertThat(unreadable.path("message").asText()).doesNotContain("Discord");

            redis.value(String.class).set(key, "{\"at\":\"2026-12-04T00:00:00Z\",\"unhealthy\":[]}");
            assertThat(run(client, "/status").path("message").asText()).doesNotContain("Discord");
        } finally {
            redis.key(String.class).del(key);
        }
    }

    @Test
    void assignSendsTheTaskToTheAgentAndLeavesANote() {
        String task = "write tests for login " + System.nanoTime();
        try (ChatClient client = ChatClient.connect(base, Accounts.member("lead").token())) {
            JsonNode result = run(client, "/assign qa \"" + task + "\"");
            assertThat(result.path("ok").asBoolean()).isTrue();
            JsonNode note = client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && frame.path("message").path("content").asText().contains(task));
            assertThat(note.path("message").path("channel").asText()).isEqualTo("general");
            assertThat(note.path("message").path("author_type").asText()).isEqualTo("system");
            assertThat(run(client, "/assign").path("ok").asBoolean()).isFalse();
        }
        await().atMost(ChatClient.WAIT).until(() -> redis.stream(String.class)
                .xrange(names.agentStream("qa"), StreamRange.of("-", "+")).stream()
                .map(entry -> read(entry.payload().get("event")))
                .anyMatch(event -> "task.assigned".equals(event.path("type").asText())
                        && task.equals(event.path("data").path("task").asText())));
    }

    @Test
    void parallelAsksTheOrchestratorsApproval() {
        try (ChatClient client = ChatClient.connect(base, Accounts.member("planner").token())) {
            JsonNode result = run(client, "/parallel \"Write the API\" \"Write the UI\"");
            assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
            JsonNode approval = client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && "parallel_execution".equals(frame.path("approval").path("request_type").asText())
                    && frame.path("approval").path("payload").path("tasks").toString().contains("Write the UI"));
            assertThat(approval.path("approval").path("requested_by").asText()).isEqualTo("orchestrator");
            assertThat(run(client, "/parallel \"only one\"").path("ok").asBoolean()).isFalse();
        }
    }

    @Test
    void autocompleteOffersCommandsSubcommandsAgentsModesAndPendingApprovals() {
        String pending = Agent.newId();
        new Agent(redis, names).add(Agent.approvalRequest(pending, "code", "code_change", "Complete me", "{}", 600));
        try (ChatClient client = ChatClient.connect(base, Accounts.member("typist").token())) {
            assertThat(complete(client, "/sp")).contains("/sprint");
            assertThat(complete(client, "/sprint ")).contains("/sprint plan", "/sprint start", "/sprint pause",
                    "/sprint resume", "/sprint end", "/sprint status");
            assertThat(complete(client, "/sprint st")).containsExactlyInAnyOrder("/sprint start", "/sprint status");
            assertThat(complete(client, "/mode r")).containsExactly("/mode rapid");
            assertThat(complete(client, "/assign ")).contains("/assign code", "/assign qa", "/assign orchestrator");
            assertThat(complete(client, "hello")).isEmpty();
            // a member is offered nothing they may not run: no /approve, /reject, /rules, nor ids to approve
            assertThat(complete(client, "/")).contains("/sprint").doesNotContain("/approve", "/reject", "/rules");
            assertThat(complete(client, "/help ")).contains("/help sprint").doesNotContain("/help approve");
            assertThat(complete(client, "/approve ")).isEmpty();
        }
        try (ChatClient approver = ChatClient.connect(base, Accounts.approver("decider").token())) {
            assertThat(complete(approver, "/")).contains("/approve", "/reject", "/rules");
            await().atMost(ChatClient.WAIT).until(() -> complete(approver, "/approve ").contains("/approve " + pending));
        }
    }

    @Test
    void aCommandWithAQuoteLeftOpenRunsNothing() {
        try (ChatClient client = ChatClient.connect(base, Accounts.member("quoter").token())) {
            JsonNode refused = run(client, "/epic \"Build login");
            assertThat(refused.path("ok").asBoolean()).isFalse();
            assertThat(refused.path("message").asText()).isEqualTo("A quote is left open; nothing was run.");
            assertThat(refused.path("hint").asText()).contains("/epic \"<text>\"");
        }
    }

    private static JsonNode run(ChatClient client, String text) {
        JsonNode answer = client.awaitAnswer(client.send("message.send", "channel", "general", "content", text));
        assertThat(answer.path("type").asText()).isEqualTo("command.result");
        return answer;
    }

    private static List<String> complete(ChatClient client, String text) {
        String ref = client.send("command.complete", "text", text);
        JsonNode completions = client.awaitFrame(frame -> "completions".equals(frame.path("type").asText())
                && ref.equals(frame.path("ref").asText()));
        return completions.path("items").findValuesAsText("text");
    }

    private static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
