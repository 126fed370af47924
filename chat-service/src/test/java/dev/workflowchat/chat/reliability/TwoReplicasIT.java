package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two chat-service processes against one PostgreSQL and Redis show one chat, each message stored once. */
class TwoReplicasIT {

    @Test
    void aConversationAcrossTwoReplicas() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess first = ChatServiceProcess.start("replica-a", run, run.redis(), Map.of());
             ChatServiceProcess second = ChatServiceProcess.start("replica-b", run, run.redis(), Map.of());
             RedisClient redis = new RedisClient(run.redis().uri())) {
            Accounts onFirst = Accounts.on(first.base());
            Accounts onSecond = Accounts.on(second.base());
            String alice = onFirst.newMember("alice").token();
            String bob = onSecond.newMember("bob").token();
            try (ChatClient aliceClient = ChatClient.connect(first.base(), alice);
                 ChatClient bobClient = ChatClient.connect(second.base(), bob)) {
                String fromAlice = aliceClient.post("general", "hello from replica a");
                bobClient.awaitFrame(ChatClient.created(fromAlice));
                String fromBob = bobClient.post("general", "hello back from replica b");
                aliceClient.awaitFrame(ChatClient.created(fromBob));

                aliceClient.awaitAck(aliceClient.send("message.edit", "message_id", fromAlice, "content", "edited on a"));
                JsonNode edit = bobClient.awaitFrame(frame -> "message.edited".equals(frame.path("type").asText()));
                assertThat(edit.path("message").path("content").asText()).isEqualTo("edited on a");

                // an agent's message is applied by one replica and seen through both
                RedisNames names = new RedisNames(run.redisPrefix());
                String payload = Agent.message(Agent.newId(), "code", "general", "agent says hi");
                redis.publish(names.in(), payload);
                redis.xadd(names.inStream(), payload);
                aliceClient.awaitFrame(frame -> frame.path("message").path("content").asText().equals("agent says hi"));
                bobClient.awaitFrame(frame -> frame.path("message").path("content").asText().equals("agent says hi"));

                await().atMost(ChatClient.WAIT).until(() -> History.of(onSecond, bob, "general").size() == 3);
                assertThat(History.contents(onFirst, alice, "general"))
                        .containsExactly("edited on a", "hello back from replica b", "agent says hi");
                assertThat(aliceClient.frames().stream().filter(ChatClient.created(fromAlice))).hasSize(1);
                assertThat(bobClient.frames().stream().filter(ChatClient.created(fromAlice))).hasSize(1);
                assertThat(bobClient.frames().stream().filter(frame ->
                        "agent says hi".equals(frame.path("message").path("content").asText())
                                && "message.created".equals(frame.path("type").asText()))).hasSize(1);
            }
        }
    }
}
