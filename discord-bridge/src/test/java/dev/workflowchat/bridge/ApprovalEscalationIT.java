package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.fake.RecordedRequest;
import dev.workflowchat.bridge.support.BridgeProcess;
import dev.workflowchat.infra.RawRedis;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An approval escalated on the out stream (as the chat-service announces it) becomes one notice in
 * the approval's Discord channel that pings the mapped Discord users it was escalated to: the bridge
 * as a process, the fake Discord through JDA, real Redis; no chat-service needed.
 */
class ApprovalEscalationIT {

    private static final String GENERAL = "1001";
    private static final String WORKFLOW = "1002";
    private static final String LEAD_DISCORD_ID = "4100";
    private static final String OPS_DISCORD_ID = "4200";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestRun run;
    private static FakeDiscord discord;
    private static BridgeProcess bridge;
    private static RawRedis redis;
    private static RedisNames names;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        names = new RedisNames(run.redisPrefix());
        redis = RawRedis.connect(run.redis().uri());
        discord = FakeDiscord.start(GENERAL, WORKFLOW);
        bridge = BridgeProcess.start(run, discord, URI.create("http://127.0.0.1:9"), "general=" + GENERAL + ",workflow=" + WORKFLOW,
                LEAD_DISCORD_ID + "=lead," + OPS_DISCORD_ID + "=ops", "");
        // the bridge reads the out stream from the present: its group must be there before anything is added
        await().atMost(WAIT).until(() -> String.valueOf(redis.call("XINFO", "GROUPS", names.outStream()))
                .contains(DiscordBridge.GROUP));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (discord != null) {
            discord.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void anEscalationPingsEachMappedTargetAndNamesTheOthersInTheApprovalsChannel() {
        String tag = tag();
        String approvalId = "ap-" + tag;
        announce(escalated(approvalId, "workflow", "Push the fix " + tag, Duration.ofMinutes(7).plusSeconds(30),
                List.of("lead", "carol")));

        JsonObject notice = awaitNotice(WORKFLOW, tag);

        assertThat(notice.getString("content")).startsWith("<@" + LEAD_DISCORD_ID + ">, carol approval #" + approvalId.substring(0, 8)
                + " by code waits for you: Push the fix " + tag + " (expires in 7 min)");
        assertThat(notice.getString("content")).contains("Decide in Workflow Chat");
        assertThat(notice.getString("webhook_id")).isNotBlank();
        assertThat(notice.getJsonObject("author").getString("username")).isEqualTo("Workflow Chat");
        // only the mapped target may be pinged, whatever the text holds
        RecordedRequest post = discord.requests().stream()
                .filter(request -> request.is("POST", "webhooks/") && request.body() != null && request.body().contains(tag))
                .findFirst().orElseThrow();
        JsonObject allowed = post.json().getJsonObject("allowed_mentions");
        assertThat(allowed.getJsonArray("parse")).isEmpty();
        assertThat(allowed.getJsonArray("users").getList()).containsExactly(LEAD_DISCORD_ID);
    }

    @Test
    void theSameEscalationReplayedOrAnnouncedTwiceIsPostedOnce() {
        String tag = tag();
        String approvalId = "ap-" + tag;
        Envelope escalated = escalated(approvalId, "general", "Drop the table " + tag, Duration.ofMinutes(20), List.of("ops"));
        announce(escalated);
        awaitNotice(GENERAL, tag);

        announce(escalated); // the same envelope again (a relay on restart)
        announce(escalated(approvalId, "general", "Drop the table " + tag, Duration.ofMinutes(20), List.of("ops")));
        String marker = tag();
        announce(escalated("ap-" + marker, "general", "Marker " + marker, Duration.ofMinutes(20), List.of("ops")));
        awaitNotice(GENERAL, marker); // handled in order: everything before it was handled too

        assertThat(discord.messages(GENERAL)).filteredOn(m -> m.getString("content").contains(tag)).hasSize(1);
        assertThat(discord.messages(GENERAL).stream().filter(m -> m.getString("content").contains(marker)).findFirst()
                .orElseThrow().getString("content")).startsWith("<@" + OPS_DISCORD_ID + "> approval #");
    }

    @Test
    void anEscalationOfAnUnmappedChannelStaysOutOfDiscord() {
        String tag = tag();
        announce(escalated("ap-" + tag, "release", "Unmapped " + tag, Duration.ofMinutes(20), List.of("lead")));
        String marker = tag();
        announce(escalated("ap-" + marker, "workflow", "Marker " + marker, Duration.ofMinutes(20), List.of("lead")));
        awaitNotice(WORKFLOW, marker);

        assertThat(discord.textChannelIds().stream().flatMap(id -> discord.messages(id).stream()))
                .noneMatch(m -> m.getString("content", "").contains(tag));
    }

    // ---- helpers

    private static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** An {@code approval.escalated} as the chat-service announces it on the out stream. */
    private static Envelope escalated(String approvalId, String channel, String title, Duration left, List<String> to) {
        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("approval_id", approvalId);
        approval.put("request_type", "code_change");
        approval.put("title", title);
        approval.put("payload", Map.of());
        approval.put("status", "pending");
        approval.put("requested_by", "code");
        approval.put("requested_at", Instant.now().minus(left.multipliedBy(3)).toString());
        approval.put("expires_at", Instant.now().plus(left).toString());
        approval.put("channel", channel);
        approval.put("risk", "high");
        approval.put("escalate_to", "role:admin");
        return Envelope.create("approval.escalated", "chat-service", null, Map.of("approval", approval, "to", to));
    }

    private static void announce(Envelope event) {
        redis.call("XADD", names.outStream(), "*", "event", event.toJson());
    }

    private static JsonObject awaitNotice(String channel, String tag) {
        return await().atMost(WAIT).until(() -> discord.messages(channel).stream()
                .filter(m -> m.getString("content", "").contains(tag)).findFirst().orElse(null), found -> found != null);
    }
}
