package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A replica that is stopped tells its clients to reconnect elsewhere (close 1001), loses nothing
 * it acknowledged, and logs JSON lines in production.
 */
class GracefulShutdownIT {

    @Test
    void aStoppingReplicaSendsItsClientsElsewhereAndKeepsWhatItAcked() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess first = ChatServiceProcess.start("leaving", run, run.redis(), Map.of());
             ChatServiceProcess second = ChatServiceProcess.start("staying", run, run.redis(), Map.of())) {
            Accounts accounts = Accounts.on(second.base());
            String token = accounts.newMember("mover").token();
            ChatClient client = ChatClient.connect(first.base(), token);
            client.post("general", "acked before the stop");

            first.close();

            assertThat(client.closed().get(20, TimeUnit.SECONDS)).isEqualTo(1001);
            try (ChatClient elsewhere = ChatClient.connect(second.base(), token)) {
                elsewhere.post("general", "and on, elsewhere");
            }
            assertThat(History.contents(accounts, token, "general"))
                    .containsSubsequence("acked before the stop", "and on, elsewhere");

            List<String> lines = first.log().lines().filter(line -> line.startsWith("{")).toList();
            assertThat(lines).isNotEmpty();
            JsonNode line = ProtocolJson.mapper().readTree(lines.get(lines.size() - 1));
            assertThat(line.has("level")).isTrue();
            assertThat(line.has("message")).isTrue();
            assertThat(first.log()).contains("asked 1 clients to reconnect elsewhere");
        }
    }
}
