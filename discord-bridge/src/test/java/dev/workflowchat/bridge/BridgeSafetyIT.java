package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.fake.RecordedRequest;
import dev.workflowchat.bridge.support.BridgeProcess;
import dev.workflowchat.bridge.support.BridgedChat;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import io.vertx.redis.client.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the bridge posts into a real guild must not harm it: mentions that ping only whom they may; one
 * channel Discord refuses holds up no other. The
 * bridge as a process between a chat-service process and the fake Discord.
 */
class BridgeSafetyIT {

    private static final String GENERAL = "3001";
    private static final String WORKFLOW = "3002";
    private static final String LOCKED = "3003";
    private static final String MAPPED_DISCORD_ID = "4200";
    private static final String ROLE_ID = "4300";
    private static final String BRIDGE_PASSWORD = "bridge-test-password";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static BridgedChat bridged;
    private static TestRun run;
    private static FakeDiscord discord;
    private static ChatServiceProcess chat;
    private static Accounts accounts;
    private static BridgeProcess bridge;
    private static SignedIn mapped;
    private static String locked;

    @BeforeAll
    static void start() throws Exception {
        bridged = BridgedChat.start("bridge-safety-chat", guild -> { }, GENERAL, WORKFLOW, LOCKED);
        run = bridged.run();
        discord = bridged.discord();
        chat = bridged.chat();
        accounts = bridged.accounts();
        discord.denyManageWebhooks(LOCKED);
        mapped = accounts.newMember("mapped");
        discord.addMember(MAPPED_DISCORD_ID, "mappedperson", "Mapped Nick");
        locked = Channels.create(accounts, "locked");
        bridge = BridgeProcess.start(run, discord, chat.base(),
                "general=" + GENERAL + ",workflow=" + WORKFLOW + "," + locked + "=" + LOCKED,
                MAPPED_DISCORD_ID + "=" + mapped.username(), BRIDGE_PASSWORD,
                Map.of("WFCHAT_DISCORD_MASS_MENTION_CHANNELS", "workflow"));
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
    void everyoneAndRolesFromTheWebPingNobodyAndOnlyMappedPeopleMayBePinged() {
        SignedIn writer = accounts.newMember("pinger");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token())) {
            String text = "@everyone @here <@&" + ROLE_ID + "> <@" + MAPPED_DISCORD_ID + "> <@4999> look " + tag;
            String id = client.post("general", text);
            JsonObject copy = awaitDiscordMessage(GENERAL, m -> m.getString("content").endsWith("look " + tag));
            assertThat(copy.getBoolean("mention_everyone")).isFalse();
            assertThat(copy.getJsonArray("mention_roles")).isEmpty();
            assertThat(mentionedIds(copy)).containsExactly(MAPPED_DISCORD_ID);
            RecordedRequest post = lastRequest("POST", copy);
            assertThat(post.json().getJsonObject("allowed_mentions").getJsonArray("parse")).isEmpty();

            client.awaitAck(client.send("message.edit", "message_id", id, "content", "@everyone <@&" + ROLE_ID + "> edited " + tag));
            await().atMost(WAIT).until(() -> discordMessage(GENERAL, m -> m.getString("id").equals(copy.getString("id")))
                    .map(m -> m.getString("content").endsWith("edited " + tag)).orElse(false));
            JsonObject edited = discordMessage(GENERAL, m -> m.getString("id").equals(copy.getString("id"))).orElseThrow();
            assertThat(edited.getBoolean("mention_everyone")).isFalse();
            assertThat(edited.getJsonArray("mention_roles")).isEmpty();
            assertThat(lastRequest("PATCH", copy).json().getJsonObject("allowed_mentions").getJsonArray("parse")).isEmpty();
        }
    }

    @Test
    void aChannelAnOperatorOptedInMayPingEveryone() {
        SignedIn writer = accounts.newMember("announcer");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token())) {
            client.post("workflow", "@everyone release at noon " + tag);
            JsonObject copy = awaitDiscordMessage(WORKFLOW, m -> m.getString("content").endsWith("noon " + tag));
            assertThat(copy.getBoolean("mention_everyone")).isTrue();
        }
    }

    @Test
    void aChannelDiscordRefusesIsMarkedAndDeadLetteredWhileTheOthersKeepRelaying() {
        SignedIn writer = accounts.newMember("isolated");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token());
             RedisClient redis = new RedisClient(run.redis().uri())) {
            for (int i = 1; i <= 3; i++) {
                client.post(locked, "into the locked channel " + i + " " + tag);
                client.post("general", "meanwhile " + i + " " + tag);
            }
            for (int i = 1; i <= 3; i++) {
                awaitDiscordMessage(GENERAL, m -> m.getString("content").startsWith("meanwhile ") && m.getString("content")
                        .endsWith(tag));
            }
            String deadLetters = new RedisNames(run.redisPrefix()).deadletter();
            await().atMost(WAIT).until(() -> redis.xrange(deadLetters).stream()
                    .filter(entry -> entry.get(1).toString().contains("into the locked channel")
                            && entry.get(1).toString().contains(tag)).count() == 3);
            Response first = redis.xrange(deadLetters).stream()
                    .filter(entry -> entry.get(1).toString().contains(tag)).findFirst().orElseThrow();
            assertThat(first.get(1).toString()).contains("discord-bridge").contains("Manage Webhooks").contains("#" + locked);
            assertThat(discord.messages(LOCKED)).isEmpty();
            assertThat(discord.messages(GENERAL)).filteredOn(m -> m.getString("content").endsWith(tag)).hasSize(3);

            assertThat(bridge.body("/q/health/ready")).contains("channel " + locked).contains("Manage Webhooks");
            assertThat(bridge.status("/q/health/ready")).isEqualTo(200);
            assertThat(bridge.body("/q/metrics")).contains("wfchat_bridge_channel_healthy{channel=\"" + locked + "\"} 0.0")
                    .contains("wfchat_bridge_channel_healthy{channel=\"general\"} 1.0");
            // the bridge writes its report at once on the change: awaited, as it crosses Redis
            String status = await().atMost(WAIT).until(() -> client.awaitAnswer(client.send("message.send", "channel",
                    "general", "content", "/status")).path("message").asText(), answer -> answer.contains("Discord bridge"));
            assertThat(status).contains("Discord bridge: **#" + locked + "** is not relayed").contains("Manage Webhooks")
                    .doesNotContain("**#general**");
        }
    }

    @Test
    void aLongMessageIsLinkedPartByPartThroughARetryAnEditAndADelete() {
        SignedIn writer = accounts.newMember("novelist");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String upload = accounts.request().auth().oauth2(writer.token())
                .multiPart("file", "appendix-" + tag + ".txt", ("appendix " + tag).getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/uploads").then().statusCode(201).extract().path("id");
        String first = "alpha " + tag + " " + "a".repeat(1900);
        String second = "PART-TWO-" + tag + " " + "b".repeat(1900);
        String third = "gamma " + tag + " " + "c".repeat(1100);
        // Discord fails the second part for a while: the first must not be posted again, nor the file lost
        discord.failWhenBodyContains("PART-TWO-" + tag, 503, 5);
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token())) {
            String id = client.awaitAck(client.send("message.send", "channel", "general",
                    "content", first + "\n" + second + "\n" + third, "attachment_ids", List.of(upload)))
                    .path("message").path("message_id").asText();
            JsonObject gamma = await().atMost(Duration.ofSeconds(60)).until(() -> discordMessage(GENERAL,
                    m -> m.getString("content").startsWith("gamma " + tag)).orElse(null), found -> found != null);
            List<JsonObject> parts = copiesOf(tag);
            assertThat(parts).extracting(m -> m.getString("content").substring(0, 5)).containsExactly("alpha", "PART-", "gamma");
            assertThat(gamma.getJsonArray("attachments")).hasSize(1);
            assertThat(discord.requests()).anyMatch(r -> r.status() == 503);

            String editedThird = "gamma edited " + tag + " " + "d".repeat(1100);
            client.awaitAck(client.send("message.edit", "message_id", id, "content", first + "\n" + second + "\n" + editedThird));
            await().atMost(WAIT).until(() -> copiesOf(tag).stream().anyMatch(m -> m.getString("content").equals(editedThird)));
            assertThat(discord.requests()).filteredOn(r -> r.method().equals("PATCH"))
                    .noneMatch(r -> r.route().endsWith(parts.get(0).getString("id")) || r.route().endsWith(parts.get(1).getString("id")));

            client.awaitAck(client.send("message.edit", "message_id", id, "content", "short now " + tag));
            await().atMost(WAIT).until(() -> copiesOf(tag).stream().map(m -> m.getString("content")).toList()
                    .equals(List.of("short now " + tag)));
            assertThat(copiesOf(tag).get(0).getString("id")).isEqualTo(parts.get(0).getString("id"));

            client.awaitAck(client.send("message.delete", "message_id", id));
            await().atMost(WAIT).until(() -> copiesOf(tag).isEmpty());
        }
    }

    @Test
    void aFileTheChatWillNotGiveIsANoteNotAnUploadAndLinksExpire() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String webId = UUID.randomUUID().toString();
        // as the chat-service announces a message, with a file that is gone by the time the bridge asks for it
        String announcement = new JsonObject().put("v", 1).put("id", UUID.randomUUID().toString())
                .put("type", "message.created").put("source", "chat-service").put("seq", 1)
                .put("data", new JsonObject().put("message_id", webId).put("channel", "general").put("seq", 1)
                        .put("author_type", "user").put("author_id", "ghost").put("author_name", "Ghost")
                        .put("content", "see the file " + tag).put("source", "web")
                        .put("attachments", new JsonArray().add(new JsonObject().put("file_name", "gone-" + tag + ".txt")
                                .put("url", "/api/files/" + UUID.randomUUID() + "/gone-" + tag + ".txt"))))
                .encode();
        try (RedisClient redis = new RedisClient(run.redis().uri())) {
            redis.xadd(new RedisNames(run.redisPrefix()).outStream(), announcement);
            JsonObject copy = awaitDiscordMessage(GENERAL, m -> m.getString("content").startsWith("see the file " + tag));
            assertThat(copy.getJsonArray("attachments")).isEmpty();
            assertThat(copy.getString("content")).contains("📎 gone-" + tag + ".txt (not available to the bridge: HTTP 404)");
            // the link is written just after Discord took the post: waited for, not raced
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    redis.command("TTL", run.redisPrefix() + ":bridge:copy:" + webId).toLong() > 0);
            long ttl = redis.command("TTL", run.redisPrefix() + ":bridge:copy:" + webId).toLong();
            assertThat(ttl).isBetween(Duration.ofDays(29).toSeconds(), Duration.ofDays(30).toSeconds());
            long reverseTtl = redis.command("TTL", run.redisPrefix() + ":bridge:original:" + copy.getString("id")).toLong();
            assertThat(reverseTtl).isPositive();
        }
    }

    @Test
    void aFileDiscordRefusesAsTooLargeBecomesALinkOnceAndTheMessageArrives() {
        SignedIn writer = accounts.newMember("uploader");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        discord.limitUploadsTo(1_000);
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token())) {
            String upload = accounts.request().auth().oauth2(writer.token())
                    .multiPart("file", "big-" + tag + ".txt", "x".repeat(5_000).getBytes(StandardCharsets.UTF_8), "text/plain")
                    .post("/api/uploads").then().statusCode(201).extract().path("id");
            client.awaitAck(client.send("message.send", "channel", "general", "content", "the big one " + tag,
                    "attachment_ids", List.of(upload)));
            JsonObject copy = awaitDiscordMessage(GENERAL, m -> m.getString("content").startsWith("the big one " + tag));
            assertThat(copy.getJsonArray("attachments")).isEmpty();
            assertThat(copy.getString("content")).contains("📎 big-" + tag + ".txt (too large for Discord: " + chat.base())
                    .contains("/api/files/");
            assertThat(discord.requests()).filteredOn(r -> r.status() == 413).hasSize(1);
            assertThat(discord.messages(GENERAL)).filteredOn(m -> m.getString("content").contains(tag)).hasSize(1);
        } finally {
            discord.limitUploadsTo(10L * 1024 * 1024);
        }
    }

    @Test
    void aMissingMessageContentIntentIsSaidPlainlyAndHealsWhenSwitchedOn() throws Exception {
        try (FakeDiscord portal = FakeDiscord.start("3101")) {
            portal.allowMessageContent(false);
            // a prefix of its own: this bridge must not read the first one's stream group
            try (BridgeProcess refused = BridgeProcess.startWithoutWaiting(run, portal, chat.base(), "general=3101", "",
                    BRIDGE_PASSWORD, Map.of("WFCHAT_REDIS_PREFIX", run.redisPrefix("intents")))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> refused.log().contains("4014"));
                await().atMost(WAIT).until(() -> refused.status("/q/health/ready") == 503);
                assertThat(refused.body("/q/health/ready")).contains("Message Content Intent");
                assertThat(refused.log()).containsPattern("ERROR.*4014.*Message Content Intent");
                assertThat(portal.gatewayLog()).contains("IDENTIFY disallowed intents");

                portal.allowMessageContent(true);
                await().atMost(Duration.ofSeconds(30)).until(() -> refused.status("/q/health/ready") == 200);
            }
        }
    }

    // ---- helpers

    private static List<JsonObject> copiesOf(String tag) {
        return discord.messages(GENERAL).stream().filter(m -> m.getString("content").contains(tag)).toList();
    }

    static List<String> mentionedIds(JsonObject message) {
        JsonArray mentions = message.getJsonArray("mentions");
        return mentions.stream().map(m -> ((JsonObject) m).getString("id")).toList();
    }

    /** The newest call of this method on the webhook that made the message. */
    static RecordedRequest lastRequest(String method, JsonObject message) {
        List<RecordedRequest> matching = discord.requests().stream()
                .filter(r -> r.is(method, "webhooks/" + message.getString("webhook_id")) && r.status() < 300)
                .toList();
        assertThat(matching).isNotEmpty();
        return matching.get(matching.size() - 1);
    }

    static JsonObject awaitDiscordMessage(String channel, Predicate<JsonObject> match) {
        return await().atMost(WAIT).until(() -> discordMessage(channel, match).orElse(null), found -> found != null);
    }

    static Optional<JsonObject> discordMessage(String channel, Predicate<JsonObject> match) {
        return discord.messages(channel).stream().filter(match).findFirst();
    }
}
