package dev.workflowchat.chat.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.Hooks;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.TestRun;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Both services running: GitHub's failed runs reach the workflow through a GitHub hook as
 * ci_failed signals, a redelivered one is not counted twice, and the third distinct failure in a
 * row blocks the sprint, as an orchestrator's signals would.
 */
class GitHubCiIT {

    @Test
    void failedRunsCountOnceEachAndTheThirdBlocksTheSprint() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess chat = ChatServiceProcess.start("github-ci", run, run.redis(), Map.of());
             StateBroadcasterProcess state = StateBroadcasterProcess.start(run, run.redis())) {
            Accounts accounts = Accounts.on(chat.base());
            String token = accounts.newMember("lead").token();
            try (ChatClient client = ChatClient.connect(chat.base(), token)) {
                client.awaitType("ready");
                command(client, "/epic \"Build login\"");
                command(client, "/story add E1 \"Sign in\"");
                command(client, "/sprint plan 1w S1");
                command(client, "/sprint start");
                awaitSnapshot(client, "SPRINT_ACTIVE", 0);

                Hooks.Made hook = Hooks.github(accounts, "workflow", "GitHub", null);
                byte[] failed = Hooks.fixture("workflow_run_completed_failure");
                String first = UUID.randomUUID().toString();
                Hooks.github(accounts, hook, "workflow_run", first, failed).then().statusCode(200);
                awaitSnapshot(client, "SPRINT_ACTIVE", 1);
                Hooks.github(accounts, hook, "workflow_run", first, failed).then().statusCode(200);
                Hooks.github(accounts, hook, "workflow_run", UUID.randomUUID().toString(), failed).then().statusCode(200);
                JsonNode two = awaitSnapshot(client, "SPRINT_ACTIVE", 2);
                assertThat(two.path("ci_failures_in_a_row").asInt()).isEqualTo(2); // the replay counted nothing

                Hooks.github(accounts, hook, "workflow_run", UUID.randomUUID().toString(), failed).then().statusCode(200);
                client.awaitFrame(frame -> "workflow.state".equals(frame.path("type").asText())
                        && "BLOCKED".equals(frame.path("snapshot").path("state").asText()));
                assertThat(client.frames().stream()
                        .filter(frame -> "message.created".equals(frame.path("type").asText())
                                && "hook".equals(frame.path("message").path("author_type").asText()))
                        .count()).isEqualTo(3);
            }
        }
    }

    private static void command(ChatClient client, String text) {
        JsonNode result = client.awaitAnswer(client.send("message.send", "channel", "workflow", "content", text));
        assertThat(result.path("ok").asBoolean()).as(result.path("message").asText()).isTrue();
    }

    private static JsonNode awaitSnapshot(ChatClient client, String expectedState, int failuresInARow) {
        return client.awaitFrame(frame -> "workflow.state".equals(frame.path("type").asText())
                && expectedState.equals(frame.path("snapshot").path("state").asText())
                && frame.path("snapshot").path("ci_failures_in_a_row").asInt(-1) == failuresInARow).path("snapshot");
    }
}
