package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.support.BridgeProcess;
import dev.workflowchat.bridge.support.BridgedChat;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private static final Map<String, String> SHORT_LEASE = Map.of("WFCHAT_BRIDGE_LEADER_LEASE", "3s",
            "WFCHAT_BRIDGE_CLAIM_IDLE", "4s");

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

    /**
     * The bridge relaying stands still (SIGSTOP) past its lease while people keep writing: the standby
     * takes over; woken, the paused one relays nothing and exits (3); what such a bridge's read loop
     * takes before it learns that it lost the lease (made here by the test) is relayed by the new one
     * after the claim-idle time ({@code RelayUpkeep}). Every message reaches Discord once.
     */
    @Test
    void aBridgePausedPastItsLeaseRelaysNothingOnceAwakeAndLosesNothing() throws Exception {
        SignedIn writer = bridged.accounts().newMember("pausewriter");
        try (ChatClient web = ChatClient.connect(bridged.chat().base(), writer.token())) {
            crossesOnceEachWay(web, "before the pause");

            first.pause();
            List<String> written = new ArrayList<>();
            try {
                String tag = tag();
                // the first of these goes to the paused bridge's read, blocked in Redis when it stopped
                for (int i = 0; i < 5; i++) {
                    written.add("while paused " + i + " " + tag);
                    web.post("general", written.get(i));
                }
                await().atMost(WAIT).until(() -> second.status("/q/health/ready") == 200
                        && !second.body("/q/health/ready").contains("standby"));
                for (int i = 5; i < 10; i++) {
                    written.add("while paused " + i + " " + tag);
                    web.post("general", written.get(i));
                }
            } finally {
                first.resume();
            }
            await().atMost(WAIT).until(() -> !first.isAlive());
            assertThat(first.exitCode()).as("a bridge that woke to find another relaying").isEqualTo(3);
            // what its read loop may take as it wakes, before it learns that it lost the lease: an event
            // read as the bridges' consumer and never acknowledged, after the new one's first read
            written.add(strandAsAWakingBridgeWould());
            for (String content : written) {
                awaitInDiscord(content);
            }
            crossesOnceEachWay(web, "after the pause");
            assertThat(written).allSatisfy(content -> assertThat(copiesInDiscord(content)).as(content).isEqualTo(1));
            RedisNames names = new RedisNames(bridged.run().redisPrefix());
            try (RedisClient redis = new RedisClient(bridged.run().redis().uri())) {
                await().atMost(WAIT).until(() -> pending(redis, names) == 0);
            }
        }
    }

    /**
     * A copy of the last web message's event, with a content of its own, added to the chat's out
     * stream and read in the same script as the bridges' consumer, so no bridge's read gets it:
     * pending, unacknowledged, as a bridge waking from a pause leaves what it read. Its content.
     */
    private String strandAsAWakingBridgeWould() throws Exception {
        String content = "stranded " + tag();
        RedisNames names = new RedisNames(bridged.run().redisPrefix());
        try (RedisClient redis = new RedisClient(bridged.run().redis().uri())) {
            ObjectNode event = null;
            for (Response entry : redis.xrange(names.outStream())) {
                JsonNode candidate = ProtocolJson.mapper().readTree(entry.get(1).get(1).toString());
                if ("message.created".equals(candidate.path("type").asText())
                        && "general".equals(candidate.path("data").path("channel").asText())) {
                    event = (ObjectNode) candidate;
                }
            }
            assertThat(event).as("a message.created of #general on " + names.outStream()).isNotNull();
            event.put("id", UUID.randomUUID().toString());
            ((ObjectNode) event.path("data")).put("message_id", UUID.randomUUID().toString()).put("content", content);
            Response read = redis.command("EVAL", "redis.call('XADD', KEYS[1], '*', 'event', ARGV[1]) "
                            + "return redis.call('XREADGROUP', 'GROUP', ARGV[2], ARGV[2], 'COUNT', '1', 'STREAMS', KEYS[1], '>')",
                    "1", names.outStream(), event.toString(), DiscordBridge.GROUP);
            assertThat(read).as("the script read its own entry").isNotNull();
            assertThat(pending(redis, names)).as("left pending").isPositive();
        }
        return content;
    }

    private static long pending(RedisClient redis, RedisNames names) {
        return redis.command("XPENDING", names.outStream(), DiscordBridge.GROUP).get(0).toLong();
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
