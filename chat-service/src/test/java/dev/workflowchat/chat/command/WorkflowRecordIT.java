package dev.workflowchat.chat.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.TestRun;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Both services running: epics and stories made through the chat survive Redis losing everything
 * of the workflow and a restart of the state-broadcaster, because PostgreSQL keeps them.
 */
class WorkflowRecordIT {

    @Test
    void theWorkflowSurvivesAnEmptiedRedisAndARestart() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess chat = ChatServiceProcess.start("record", run, run.redis(), Map.of());
             RedisClient redis = new RedisClient(run.redis().uri())) {
            String token = Accounts.on(chat.base()).newMember("lead").token();
            try (ChatClient client = ChatClient.connect(chat.base(), token);
                 StateBroadcasterProcess state = StateBroadcasterProcess.start(run, run.redis())) {
                client.awaitType("ready");
                assertThat(answer(client, "/epic \"Build login\" \"with OAuth\"")).contains("Epic added: E1 Build login");
                assertThat(answer(client, "/epic \"Reports\"")).contains("E2 Reports");
                assertThat(answer(client, "/story add E1 \"Reset password\" \"a link by email\"")).contains("S1 Reset password");
                assertThat(answer(client, "/story add E1 \"Sign up\"")).contains("S2 Sign up");
                assertThat(answer(client, "/story update S2 priority top")).contains("S2 Sign up · top");
                assertThat(answer(client, "/mode expert")).contains("expert");
            }
            // everything of the workflow that Redis held is gone, as after a restart without persistence
            List<String> deleted = deleteKeys(redis, run.redisPrefix() + ":state:*");
            assertThat(deleted).contains(run.redisPrefix() + ":state:snapshot:default");

            try (StateBroadcasterProcess state = StateBroadcasterProcess.start(run, run.redis())) {
                // the snapshot key is written again at start, from the record
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        redis.command("EXISTS", run.redisPrefix() + ":state:snapshot:default").toInteger() == 1);
                try (ChatClient client = ChatClient.connect(chat.base(), token)) {
                    JsonNode snapshot = client.awaitType("ready").path("snapshot");
                    assertThat(snapshot.path("mode").asText()).isEqualTo("expert");
                    assertThat(snapshot.path("state").asText()).isEqualTo("BACKLOG_READY");
                    assertThat(snapshot.path("history")).hasSize(2); // IDLE → BACKLOG_READY, and the second epic
                    assertThat(snapshot.path("backlog")).extracting(JsonNode::asText).containsExactly("Sign up", "Reset password");
                    assertThat(answer(client, "/epic list")).contains("E1 Build login · 2 stories").contains("E2 Reports");
                    assertThat(answer(client, "/story show S1")).contains("Acceptance criteria: a link by email");
                    assertThat(answer(client, "/story add E2 \"Monthly\"")).contains("S3 Monthly");
                }
            }
        }
    }

    private static String answer(ChatClient client, String text) {
        JsonNode result = client.awaitAnswer(client.send("message.send", "channel", "workflow", "content", text));
        assertThat(result.path("type").asText()).isEqualTo("command.result");
        assertThat(result.path("ok").asBoolean()).as(result.path("message").asText()).isTrue();
        return result.path("message").asText();
    }

    private static List<String> deleteKeys(RedisClient redis, String pattern) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = redis.command("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = page.get(0).toString();
            page.get(1).forEach(key -> keys.add(key.toString()));
        } while (!"0".equals(cursor));
        keys.forEach(key -> redis.command("DEL", key));
        return keys;
    }
}
