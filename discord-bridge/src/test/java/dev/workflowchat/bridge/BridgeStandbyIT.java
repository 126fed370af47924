package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.support.BridgeProcess;
import dev.workflowchat.bridge.support.BridgedChat;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.History;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two bridges, one lease: the second stands by (ready, connected to nothing) while the first relays,
 * and takes over when the first is killed. Every message crosses once.
 */
class BridgeStandbyIT {

    private static final String GENERAL = "7001";
    private static final String ERIN = "7100";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> SHORT_LEASE = Map.of("WFCHAT_BRIDGE_LEADER_LEASE", "3s");

    private BridgedChat bridged;
    private FakeDiscord discord;
    private BridgeProcess first;
    private BridgeProcess second;

    @BeforeEach
    void start() throws Exception {
        bridged = BridgedChat.start("bridge-standby-chat", guild -> { }, GENERAL);
        discord = bridged.discord();
        first = bridged.startBridge("general=" + GENERAL, "", SHORT_LEASE);
        second = BridgeProcess.start(bridged.run(), discord, bridged.chat().base(), "general=" + GENERAL, "",
                BridgedChat.BRIDGE_PASSWORD, SHORT_LEASE);
    }

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (bridged != null) {
            bridged.close();
        }
    }

    @Test
    void theStandbyTakesOverWhenTheBridgeRelayingIsKilled() throws Exception {
        assertThat(second.body("/q/health/ready")).contains("standby");
        SignedIn reader = bridged.accounts().newMember("standbyreader");
        try (ChatClient web = ChatClient.connect(bridged.chat().base(), reader.token())) {
            crossesOnceEachWay(web, "before");

            first.kill();
            await().atMost(WAIT).until(() -> second.status("/q/health/ready") == 200
                    && !second.body("/q/health/ready").contains("standby"));
            crossesOnceEachWay(web, "after");
            assertThat(second.log()).contains("leads now");
        }
    }

    /** A web message reaches Discord once and a Discord message the web once; checked after a later one arrived. */
    private void crossesOnceEachWay(ChatClient web, String when) {
        String tag = tag();
        String toDiscord = "web " + when + " " + tag;
        web.post("general", toDiscord);
        String toWeb = "discord " + when + " " + tag;
        discord.postAsUser(GENERAL, ERIN, "erin", toWeb);
        web.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                && toWeb.equals(frame.path("message").path("content").asText()));
        awaitInDiscord(toDiscord);

        // a later message each way: whatever a second bridge would have posted is there by then
        String laterToDiscord = "later web " + when + " " + tag;
        web.post("general", laterToDiscord);
        String laterToWeb = "later discord " + when + " " + tag;
        discord.postAsUser(GENERAL, ERIN, "erin", laterToWeb);
        awaitInDiscord(laterToDiscord);
        web.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                && laterToWeb.equals(frame.path("message").path("content").asText()));
        assertThat(copiesInDiscord(toDiscord)).as(toDiscord).isEqualTo(1);
        assertThat(History.contents(bridged.accounts(), bridged.accounts().signInAdmin().token(), "general")
                .stream().filter(toWeb::equals)).as(toWeb).hasSize(1);
    }

    private void awaitInDiscord(String content) {
        await().atMost(WAIT).until(() -> copiesInDiscord(content) > 0);
    }

    private long copiesInDiscord(String content) {
        return discord.messages(GENERAL).stream().filter(m -> content.equals(m.getString("content"))).count();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
