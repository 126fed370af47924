package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.support.BridgeProcess;
import dev.workflowchat.bridge.support.BridgedChat;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.infra.RedisCluster;
import dev.workflowchat.infra.RedisEndpoint;
import dev.workflowchat.infra.TestRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bridge on a real Redis Cluster (issue 23's cluster test, the chat-service's part is
 * {@code RedisClusterIT}): a chat-service and the bridge with {@code QUARKUS_REDIS_CLIENT_TYPE=cluster}
 * and a hash-tag prefix relay a message each way and an edit from Discord, with the bridge's own
 * keys (links, watermarks, its lease, the two-key script of its relayed window) on the cluster. No
 * CROSSSLOT anywhere.
 */
class BridgeClusterIT {

    private static final String GENERAL = "7001";
    private static final String ERIN = "7100";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theBridgeRelaysBothWaysOnARedisCluster() throws Exception {
        try (TestRun run = TestRun.start(); RedisCluster cluster = RedisCluster.start();
             FakeDiscord discord = FakeDiscord.start(GENERAL)) {
            String prefix = "{" + run.redisPrefix() + "}";
            Map<String, String> onCluster = Map.of("QUARKUS_REDIS_HOSTS", cluster.hosts(),
                    "QUARKUS_REDIS_CLIENT_TYPE", "cluster", "WFCHAT_REDIS_PREFIX", prefix);
            RedisEndpoint seed = cluster.masters().get(0).endpoint();
            try (ChatServiceProcess chat = ChatServiceProcess.start("bridge-cluster", run.database(), seed, prefix, onCluster)) {
                Accounts accounts = Accounts.on(chat.base());
                accounts.request().auth().oauth2(accounts.signInAdmin().token()).contentType("application/json")
                        .body(Map.of("username", "discord-bridge", "password", BridgedChat.BRIDGE_PASSWORD,
                                "roles", List.of("member"), "display_name", "Discord bridge"))
                        .post("/api/users").then().statusCode(201);
                try (BridgeProcess bridge = BridgeProcess.start(run, discord, chat.base(), "general=" + GENERAL, "",
                        BridgedChat.BRIDGE_PASSWORD, onCluster);
                     ChatClient web = ChatClient.connect(chat.base(), accounts.newMember("clustered").token())) {
                    web.post("general", "from the web, on a cluster");
                    await().atMost(WAIT).until(() -> discord.messages(GENERAL).stream()
                            .anyMatch(m -> "from the web, on a cluster".equals(m.getString("content"))));

                    String id = discord.postAsUser(GENERAL, ERIN, "erin", "from Discord, on a cluster").getString("id");
                    web.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                            && "from Discord, on a cluster".equals(frame.path("message").path("content").asText()));
                    discord.editAsUser(GENERAL, id, "from Discord, edited on a cluster");
                    web.awaitFrame(frame -> "message.edited".equals(frame.path("type").asText())
                            && "from Discord, edited on a cluster".equals(frame.path("message").path("content").asText()));

                    assertThat(bridge.log()).doesNotContain("CROSSSLOT");
                }
                assertThat(chat.log()).doesNotContain("CROSSSLOT");
            }
        }
    }
}
