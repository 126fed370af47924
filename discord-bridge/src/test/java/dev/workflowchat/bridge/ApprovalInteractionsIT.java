package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.support.BridgeProcess;
import dev.workflowchat.bridge.support.BridgedChat;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deciding from Discord through interactions: the Approve / Reject / Open in chat row under an approval request,
 * the reason modal, the guild's application commands; only mapped people decide, through the chat-service's
 * own checks, exactly once; the message shows the decision wherever it was made. The bridge and the
 * chat-service as processes, the fake Discord speaking Discord's interaction shapes, real PostgreSQL and Redis.
 */
class ApprovalInteractionsIT {

    private static final String GENERAL = "1001";
    private static final String WORKFLOW = "1002";
    private static final String BRIDGE_PASSWORD = "bridge-test-password";
    private static final String LEAD_DISCORD_ID = "4100";
    private static final String STRANGER_DISCORD_ID = "4999";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static BridgedChat bridged;
    private static TestRun run;
    private static FakeDiscord discord;
    private static ChatServiceProcess chat;
    private static Accounts accounts;
    private static BridgeProcess bridge;
    private static SignedIn lead;
    private static SignedIn webApprover;

    @BeforeAll
    static void start() throws Exception {
        bridged = BridgedChat.start("interactions-chat", guild -> { }, GENERAL, WORKFLOW);
        run = bridged.run();
        discord = bridged.discord();
        chat = bridged.chat();
        accounts = bridged.accounts();
        lead = accounts.newApprover("lead");
        webApprover = accounts.newApprover("webby");
        bridge = BridgeProcess.start(run, discord, chat.base(), "general=" + GENERAL + ",workflow=" + WORKFLOW,
                LEAD_DISCORD_ID + "=" + lead.username(), BRIDGE_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (bridged != null) {
            bridged.close();
        }
    }

    @Test
    void anApprovalRequestIsPostedWithApproveRejectAndAChatLink() {
        String approvalId = requestApproval("Buttons " + tag());
        JsonObject posted = awaitDiscordMessage(WORKFLOW, m -> m.getString("content").contains(approvalIdTitle(approvalId)));

        JsonArray row = posted.getJsonArray("components").getJsonObject(0).getJsonArray("components");
        assertThat(row).hasSize(3);
        assertThat(row.getJsonObject(0).getString("custom_id")).isEqualTo("wfchat:approve:" + approvalId);
        assertThat(row.getJsonObject(0).getString("label")).isEqualTo("Approve");
        assertThat(row.getJsonObject(1).getString("custom_id")).isEqualTo("wfchat:reject:" + approvalId);
        assertThat(row.getJsonObject(2).getInteger("style")).isEqualTo(5);
        assertThat(row.getJsonObject(2).getString("url")).startsWith(chat.base().toString());
    }

    @Test
    void aButtonApprovalAndAWebApprovalRacingGiveOneDecision() throws Exception {
        String approvalId = requestApproval("Race " + tag());
        JsonObject posted = awaitDiscordMessage(WORKFLOW, m -> m.getString("content").contains(approvalIdTitle(approvalId)));
        try (ChatClient web = ChatClient.connect(chat.base(), webApprover.token())) {
            CompletableFuture<String> click = CompletableFuture.supplyAsync(() -> discord.clickButton(WORKFLOW,
                    posted.getString("id"), LEAD_DISCORD_ID, "Lead", "wfchat:approve:" + approvalId));
            String ref = web.send("approval.respond", "approval_id", approvalId, "action", "approve");
            String interaction = click.get();

            web.awaitAnswer(ref);
            // answered within Discord's 3 s, by a deferred update (the message changes when the decision is known)
            await().atMost(WAIT).until(() -> !discord.interactionCallbacks(interaction).isEmpty());
            assertThat(discord.interactionCallbacks(interaction)).extracting(c -> c.getInteger("type")).containsExactly(6);
            // the Discord decision ran as lead's command: its answer (approved, or already decided) is posted once
            web.awaitFrame(frame -> "command_result".equals(frame.path("message").path("metadata").path("type").asText())
                    && frame.path("message").path("content").asText().contains(approvalId));
            JsonObject shown = awaitDiscordMessage(WORKFLOW, m -> m.getString("id").equals(posted.getString("id"))
                    && m.getJsonArray("components").encode().contains("Approved by"));
            JsonArray row = shown.getJsonArray("components").getJsonObject(0).getJsonArray("components");
            assertThat(row).hasSize(1);
            assertThat(row.getJsonObject(0).getBoolean("disabled")).isTrue();

            assertThat(web.framesOfType("approval.decided"))
                    .filteredOn(frame -> approvalId.equals(frame.path("approval").path("approval_id").asText()))
                    .hasSize(1);
            assertThat(approval(approvalId).path("status").asText()).isEqualTo("approved");
        }
    }

    @Test
    void aClickOfSomeoneNotMappedChangesNothingAndAnswersOnlyThemWithTheLink() {
        String approvalId = requestApproval("Stranger " + tag());
        JsonObject posted = awaitDiscordMessage(WORKFLOW, m -> m.getString("content").contains(approvalIdTitle(approvalId)));

        String interaction = discord.clickButton(WORKFLOW, posted.getString("id"), STRANGER_DISCORD_ID, "Stranger",
                "wfchat:approve:" + approvalId);

        await().atMost(WAIT).until(() -> !discord.interactionCallbacks(interaction).isEmpty());
        JsonObject answer = discord.interactionCallbacks(interaction).get(0);
        assertThat(answer.getInteger("type")).isEqualTo(4);
        assertThat(answer.getJsonObject("data").getInteger("flags")).isEqualTo(64);
        assertThat(answer.getJsonObject("data").getString("content")).contains(chat.base().toString());
        try (RedisClient redis = new RedisClient(run.redis().uri())) {
            assertThat(redis.xrange(new RedisNames(run.redisPrefix()).bridgeInStream()).toString()).doesNotContain(interaction);
        }
        assertThat(approval(approvalId).path("status").asText()).isEqualTo("pending");
        assertThat(discord.messages(WORKFLOW)).filteredOn(m -> m.getString("id").equals(posted.getString("id")))
                .allMatch(m -> m.getJsonArray("components").encode().contains("wfchat:approve:" + approvalId));
    }

    @Test
    void rejectAsksForTheReasonInAModalAndTheRejectionCarriesIt() {
        String approvalId = requestApproval("Reject " + tag());
        JsonObject posted = awaitDiscordMessage(WORKFLOW, m -> m.getString("content").contains(approvalIdTitle(approvalId)));

        String click = discord.clickButton(WORKFLOW, posted.getString("id"), LEAD_DISCORD_ID, "Lead", "wfchat:reject:" + approvalId);
        await().atMost(WAIT).until(() -> !discord.interactionCallbacks(click).isEmpty());
        JsonObject modal = discord.interactionCallbacks(click).get(0);
        assertThat(modal.getInteger("type")).isEqualTo(9);
        assertThat(approval(approvalId).path("status").asText()).isEqualTo("pending"); // nothing decided before the reason

        String submit = discord.submitModal(click, Map.of("reason", "tests are red"));
        await().atMost(WAIT).until(() -> !discord.interactionCallbacks(submit).isEmpty());
        assertThat(discord.interactionCallbacks(submit).get(0).getInteger("type")).isEqualTo(6);
        await().atMost(WAIT).until(() -> "rejected".equals(approval(approvalId).path("status").asText()));
        assertThat(approval(approvalId).path("comment").asText()).isEqualTo("tests are red");
        awaitDiscordMessage(WORKFLOW, m -> m.getString("id").equals(posted.getString("id"))
                && m.getJsonArray("components").encode().contains("Rejected by " + lead.username() + ": tests are red"));
    }

    @Test
    void theGuildsCommandsAreRegisteredAndAnsweredThroughInteractions() {
        JsonArray commands = await().atMost(WAIT).until(discord::guildCommands, registered -> registered.size() == 8);
        assertThat(commands.stream().map(c -> ((JsonObject) c).getString("name")))
                .containsExactly("approve", "reject", "status", "state", "tdd", "sprint", "epic", "story");

        String approvalId = requestApproval("Command " + tag());
        awaitDiscordMessage(WORKFLOW, m -> m.getString("content").contains(approvalIdTitle(approvalId)));
        String approve = discord.runCommand(WORKFLOW, LEAD_DISCORD_ID, "Lead", "approve", Map.of("id", approvalId));
        await().atMost(WAIT).until(() -> !discord.interactionCallbacks(approve).isEmpty());
        JsonObject deferred = discord.interactionCallbacks(approve).get(0);
        assertThat(deferred.getInteger("type")).isEqualTo(5);
        assertThat(deferred.getJsonObject("data").getInteger("flags")).isEqualTo(64);
        await().atMost(WAIT).until(() -> "approved".equals(approval(approvalId).path("status").asText()));
        // the chat-service's answer replaces "sent" in the reply only the person sees (and is posted in the channel)
        await().atMost(WAIT).until(() -> discord.interactionResponse(approve).getString("content")
                .contains("ran `/approve " + approvalId + "`"));
        assertThat(discord.interactionResponse(approve).getString("content")).contains("approved");
        assertThat(approval(approvalId).path("decided_by").asText()).isEqualTo(lead.username());

        // the workflow's commands go the same way, their args as typed in the web chat
        String sprint = discord.runCommand(WORKFLOW, LEAD_DISCORD_ID, "Lead", "sprint", Map.of("args", "status"));
        await().atMost(WAIT).until(() -> discord.interactionResponse(sprint) != null
                && discord.interactionResponse(sprint).getString("content", "").contains("ran `/sprint status`"));

        // an id option is one word: more is refused to the person, nothing runs
        String twoWords = discord.runCommand(WORKFLOW, LEAD_DISCORD_ID, "Lead", "approve", Map.of("id", approvalId + " /status"));
        await().atMost(WAIT).until(() -> !discord.interactionCallbacks(twoWords).isEmpty());
        assertThat(discord.interactionCallbacks(twoWords).get(0).getInteger("type")).isEqualTo(4);
        assertThat(discord.interactionCallbacks(twoWords).get(0).getJsonObject("data").getInteger("flags")).isEqualTo(64);

        String stranger = discord.runCommand(WORKFLOW, STRANGER_DISCORD_ID, "Stranger", "status", Map.of());
        await().atMost(WAIT).until(() -> !discord.interactionCallbacks(stranger).isEmpty());
        JsonObject refused = discord.interactionCallbacks(stranger).get(0);
        assertThat(refused.getInteger("type")).isEqualTo(4);
        assertThat(refused.getJsonObject("data").getInteger("flags")).isEqualTo(64);
        assertThat(refused.getJsonObject("data").getString("content")).contains(chat.base().toString());
    }

    // ---- helpers

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** An agent asks for an approval in #workflow; its id is the envelope id. */
    private static String requestApproval(String title) {
        String approvalId = "t-" + UUID.randomUUID();
        try (RedisClient redis = new RedisClient(run.redis().uri())) {
            redis.xadd(new RedisNames(run.redisPrefix()).inStream(), """
                    {"v":1,"id":"%s","type":"approval.request","source":"agent:code","data":{"request_type":"code_change",
                     "title":"%s","payload":{"files":["a.java"],"diff":"-a\\n+b"},"expires_in_s":600}}"""
                    .formatted(approvalId, title));
        }
        TITLES.put(approvalId, title);
        return approvalId;
    }

    private static final Map<String, String> TITLES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String approvalIdTitle(String approvalId) {
        return TITLES.get(approvalId);
    }

    private static JsonNode approval(String approvalId) {
        String body = accounts.request().auth().oauth2(lead.token()).get("/api/approvals/" + approvalId)
                .then().statusCode(200).extract().asString();
        try {
            JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            return node.has("approval") ? node.path("approval") : node;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject awaitDiscordMessage(String channel, Predicate<JsonObject> match) {
        return await().atMost(WAIT).until(() -> discord.messages(channel).stream().filter(match).findFirst().orElse(null),
                found -> found != null);
    }
}
