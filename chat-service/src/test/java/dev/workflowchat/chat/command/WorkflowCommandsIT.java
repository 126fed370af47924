package dev.workflowchat.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both services running: a person walks the workflow with slash commands and sees every transition. */
class WorkflowCommandsIT {

    @Test
    void aPersonWalksTheHappyPathAndSeesEachTransition() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess chat = ChatServiceProcess.start("chat", run, run.redis(), Map.of());
             RedisClient redis = new RedisClient(run.redis().uri())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            String token = Accounts.on(chat.base()).newMember("lead").token();
            try (ChatClient client = ChatClient.connect(chat.base(), token)) {
                try (StateBroadcasterProcess state = StateBroadcasterProcess.start(run, run.redis())) {
                    command(client, "/epic \"Build login\" \"with OAuth\"", "BACKLOG_READY");
                    seeTransition(client, "IDLE", "BACKLOG_READY", "/epic");
                    command(client, "/story add E1 \"Sign in\"", "BACKLOG_READY");
                    command(client, "/sprint plan 1w S1", "SPRINT_PLANNED");
                    command(client, "/sprint start", "SPRINT_ACTIVE");
                }
            }
            // a new state-broadcaster process continues mid-sprint from what Redis keeps
            try (StateBroadcasterProcess state = StateBroadcasterProcess.start(run, run.redis());
                 ChatClient client = ChatClient.connect(chat.base(), token)) {
                assertThat(client.awaitType("ready").path("snapshot").path("state").asText()).isEqualTo("SPRINT_ACTIVE");
                command(client, "/sprint pause", "SPRINT_PAUSED");
                command(client, "/sprint resume", "SPRINT_ACTIVE");
                redis.xadd(names.stateInStream(), "{\"v\":1,\"id\":\"all-done-" + System.nanoTime()
                        + "\",\"type\":\"workflow.signal\",\"source\":\"agent:orchestrator\",\"data\":{\"signal\":\"all_tasks_complete\"}}");
                client.awaitFrame(frame -> "workflow.state".equals(frame.path("type").asText())
                        && "SPRINT_REVIEW".equals(frame.path("snapshot").path("state").asText()));
                command(client, "/feedback \"well done\"", "IDLE");
                seeTransition(client, "SPRINT_REVIEW", "IDLE", "/feedback");

                JsonNode refused = client.awaitAnswer(client.send("message.send", "channel", "workflow",
                        "content", "/sprint start"));
                assertThat(refused.path("ok").asBoolean()).isFalse();
                assertThat(refused.path("message").asText()).contains("not allowed in state **IDLE**");

                List<String> transitions = client.frames().stream()
                        .filter(frame -> "message.created".equals(frame.path("type").asText())
                                && "workflow_transition".equals(frame.path("message").path("metadata").path("type").asText()))
                        .map(frame -> frame.path("message").path("content").asText())
                        .toList();
                assertThat(transitions).hasSize(4); // this connection opened after the first three
            }
            try (ChatClient client = ChatClient.connect(chat.base(), token)) {
                JsonNode ready = client.awaitType("ready");
                assertThat(ready.path("snapshot").path("state").asText()).isEqualTo("IDLE");
                assertThat(ready.path("snapshot").path("history")).hasSize(7);
                // the state-broadcaster is stopped now
                JsonNode unanswered = client.awaitAnswer(client.send("message.send", "channel", "workflow",
                        "content", "/epic \"too late\""));
                assertThat(unanswered.path("message").asText())
                        .isEqualTo("The workflow service is not answering; nothing was changed.");
            }
        }
    }

    private static void command(ChatClient client, String text, String expectedState) {
        JsonNode result = client.awaitAnswer(client.send("message.send", "channel", "workflow", "content", text));
        assertThat(result.path("type").asText()).isEqualTo("command.result");
        assertThat(result.path("ok").asBoolean()).as(result.path("message").asText()).isTrue();
        assertThat(result.path("state").asText()).isEqualTo(expectedState);
        client.awaitFrame(frame -> "workflow.state".equals(frame.path("type").asText())
                && expectedState.equals(frame.path("snapshot").path("state").asText()));
    }

    private static void seeTransition(ChatClient client, String from, String to, String command) {
        JsonNode message = client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                && frame.path("message").path("content").asText()
                        .startsWith("State transition: **" + from + "** → **" + to + "**"));
        assertThat(message.path("message").path("channel").asText()).isEqualTo("workflow");
        assertThat(message.path("message").path("author_type").asText()).isEqualTo("system");
        assertThat(message.path("message").path("content").asText()).contains("via " + command);
    }
}
