package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.fake.FakeFile;
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
 * The bridge as a process between the chat-service (a process, real PostgreSQL and Redis) and
 * the fake Discord (real REST and Gateway protocol, through JDA): both directions, no echoes,
 * outages on either side.
 */
class BridgeIT {

    private static final String GENERAL = "1001";
    private static final String WORKFLOW = "1002";
    private static final String BRIDGE_PASSWORD = "bridge-test-password";
    private static final String LEAD_DISCORD_ID = "4100";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static BridgedChat bridged;
    private static TestRun run;
    private static FakeDiscord discord;
    private static ChatServiceProcess chat;
    private static Accounts accounts;
    private static BridgeProcess bridge;
    private static SignedIn lead;

    @BeforeAll
    static void start() throws Exception {
        bridged = BridgedChat.start("bridged-chat", guild -> { }, GENERAL, WORKFLOW, "1003");
        run = bridged.run();
        discord = bridged.discord();
        chat = bridged.chat();
        accounts = bridged.accounts();
        lead = accounts.newApprover("lead");
        bridge = startBridge();
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
    void webMessagesAppearInDiscordUnderTheirAuthorAndEditsAndDeletesFollow() {
        SignedIn alice = accounts.newMember("alice");
        String unmapped = Channels.create(accounts, "random");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), alice.token())) {
            client.post(unmapped, "not for discord " + tag);
            String id = client.post("general", "hello discord " + tag);

            JsonObject copy = awaitDiscordMessage(GENERAL, m -> m.getString("content").equals("hello discord " + tag));
            assertThat(copy.getJsonObject("author").getString("username")).isEqualTo("User " + alice.username());
            assertThat(copy.getString("webhook_id")).isNotBlank();
            assertThat(allDiscordContents()).noneMatch(content -> content.contains("not for discord " + tag));

            client.awaitAck(client.send("message.edit", "message_id", id, "content", "hello again " + tag));
            await().atMost(WAIT).until(() -> discordMessage(GENERAL, m -> m.getString("id").equals(copy.getString("id")))
                    .map(m -> m.getString("content").equals("hello again " + tag)).orElse(false));

            client.awaitAck(client.send("message.delete", "message_id", id));
            await().atMost(WAIT).until(() -> discordMessage(GENERAL, m -> m.getString("id").equals(copy.getString("id"))).isEmpty());

            // the webhook's own MESSAGE_CREATE came back from Discord: it must not have become a second web message
            discord.postAsUser(GENERAL, "4001", "Marker", "marker " + tag);
            client.awaitFrame(created("marker " + tag));
            assertThat(client.frames()).noneMatch(frame -> "message.created".equals(frame.path("type").asText())
                    && "discord".equals(frame.path("message").path("source").asText())
                    && frame.path("message").path("content").asText().contains("hello"));
        }
    }

    @Test
    void discordMessagesReachTheWebOnceWithTheirAuthorAndEditsAndDeletesFollow() {
        SignedIn reader = accounts.newMember("reader");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), reader.token())) {
            JsonObject posted = discord.postAsUser(GENERAL, "4002", "Dana", "hi from discord " + tag);
            JsonNode frame = client.awaitFrame(created("hi from discord " + tag));
            assertThat(frame.path("message").path("author_name").asText()).isEqualTo("Dana");
            assertThat(frame.path("message").path("author_id").asText()).isEqualTo("discord:4002");
            assertThat(frame.path("message").path("source").asText()).isEqualTo("discord");
            String webId = frame.path("message").path("message_id").asText();

            discord.editAsUser(GENERAL, posted.getString("id"), "hi, edited " + tag);
            client.awaitFrame(f -> "message.edited".equals(f.path("type").asText())
                    && webId.equals(f.path("message").path("message_id").asText())
                    && ("hi, edited " + tag).equals(f.path("message").path("content").asText()));

            discord.deleteAsUser(GENERAL, posted.getString("id"));
            client.awaitFrame(f -> "message.deleted".equals(f.path("type").asText()) && webId.equals(f.path("message_id").asText()));
            assertThat(count(client, "hi from discord " + tag)).isEqualTo(1);
            // a moderator's bulk delete takes each linked chat message with it
            List<String> discordIds = new java.util.ArrayList<>();
            List<String> webIds = new java.util.ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                discordIds.add(discord.postAsUser(GENERAL, "4002", "Dana", "doomed " + i + " " + tag).getString("id"));
                webIds.add(client.awaitFrame(created("doomed " + i + " " + tag)).path("message").path("message_id").asText());
            }
            discord.bulkDeleteAsModerator(GENERAL, discordIds);
            webIds.forEach(gone -> client.awaitFrame(f ->
                    "message.deleted".equals(f.path("type").asText()) && gone.equals(f.path("message_id").asText())));
            // a Discord channel nobody mapped stays in Discord
            discord.postAsUser("1003", "4002", "Dana", "off the map " + tag);
            discord.postAsUser(GENERAL, "4002", "Dana", "marker " + tag);
            client.awaitFrame(created("marker " + tag));
            assertThat(client.frames()).noneMatch(f -> f.path("message").path("content").asText().contains("off the map"));
            // and it was never sent back to Discord
            assertThat(discord.messages(GENERAL)).filteredOn(m -> m.getString("webhook_id") != null)
                    .noneMatch(m -> m.getString("content").contains(tag));
        }
    }

    @Test
    void messagesPostedWhileTheGatewayWasDownArriveOnceAfterItResumes() {
        SignedIn reader = accounts.newMember("patient");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), reader.token())) {
            discord.holdGateway();
            discord.dropGateway();
            for (int i = 1; i <= 3; i++) {
                discord.postAsUser(WORKFLOW, "4003", "Eli", "while away " + i + " " + tag);
            }
            discord.releaseGateway();
            for (int i = 1; i <= 3; i++) {
                client.awaitFrame(created("while away " + i + " " + tag));
            }
            discord.postAsUser(WORKFLOW, "4003", "Eli", "after " + tag);
            client.awaitFrame(created("after " + tag));
            for (int i = 1; i <= 3; i++) {
                assertThat(count(client, "while away " + i + " " + tag)).isEqualTo(1);
            }
        }
    }

    @Test
    void messagesPostedWhileTheBridgeWasStoppedArriveOnceAfterItStarts() throws Exception {
        SignedIn reader = accounts.newMember("returning");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), reader.token())) {
            discord.postAsUser(GENERAL, "4004", "Fay", "before the restart " + tag);
            client.awaitFrame(created("before the restart " + tag));

            bridge.close();
            discord.postAsUser(GENERAL, "4004", "Fay", "during the restart 1 " + tag);
            discord.postAsUser(GENERAL, "4004", "Fay", "during the restart 2 " + tag);
            bridge = startBridge();

            client.awaitFrame(created("during the restart 1 " + tag));
            client.awaitFrame(created("during the restart 2 " + tag));
            discord.postAsUser(GENERAL, "4004", "Fay", "after the restart " + tag);
            client.awaitFrame(created("after the restart " + tag));
            assertThat(count(client, "before the restart " + tag)).isEqualTo(1);
            assertThat(count(client, "during the restart 1 " + tag)).isEqualTo(1);
            assertThat(count(client, "during the restart 2 " + tag)).isEqualTo(1);
        }
    }

    @Test
    void aRateLimitedWebhookWaitsAndSendsExactlyOnce() {
        SignedIn writer = accounts.newMember("hasty");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        discord.rateLimitNext("webhooks/", 1);
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token())) {
            client.post("workflow", "slow down " + tag);
            awaitDiscordMessage(WORKFLOW, m -> m.getString("content").equals("slow down " + tag));
            client.post("workflow", "and the next " + tag);
            awaitDiscordMessage(WORKFLOW, m -> m.getString("content").equals("and the next " + tag));
        }
        assertThat(discord.messages(WORKFLOW)).filteredOn(m -> m.getString("content").equals("slow down " + tag)).hasSize(1);
        assertThat(discord.requests()).anyMatch(request -> request.status() == 429);
    }

    @Test
    void filesTravelBothWaysAndDiscordsAreRehostedByTheChat() {
        SignedIn sharer = accounts.newMember("sharer");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String upload = accounts.request().auth().oauth2(sharer.token())
                .multiPart("file", "notes-" + tag + ".txt", ("release notes " + tag).getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/uploads").then().statusCode(201).extract().path("id");
        try (ChatClient client = ChatClient.connect(chat.base(), sharer.token())) {
            client.awaitAck(client.send("message.send", "channel", "general", "content", "see attached " + tag,
                    "attachment_ids", List.of(upload)));
            JsonObject copy = awaitDiscordMessage(GENERAL, m -> m.getString("content").equals("see attached " + tag));
            assertThat(copy.getJsonArray("attachments")).hasSize(1);
            assertThat(copy.getJsonArray("attachments").getJsonObject(0).getString("filename")).isEqualTo("notes-" + tag + ".txt");

            discord.postAsUser(GENERAL, "4005", "Gus", "a diagram " + tag,
                    List.of(new FakeFile("diagram.txt", "text/plain", ("plain diagram " + tag).getBytes(StandardCharsets.UTF_8))));
            JsonNode attachment = client.awaitFrame(created("a diagram " + tag)).path("message").path("attachments").path(0);
            assertThat(attachment.path("file_name").asText()).isEqualTo("diagram.txt");
            // served by the chat-service now, whatever becomes of Discord's URL
            assertThat(accounts.request().auth().oauth2(sharer.token()).get(attachment.path("url").asText())
                    .then().statusCode(200).extract().asString()).isEqualTo("plain diagram " + tag);
        }
    }

    @Test
    void aWebhookSomeoneDeletedIsMadeAgain() {
        SignedIn writer = accounts.newMember("steady");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token())) {
            client.post("workflow", "first " + tag);
            String webhook = awaitDiscordMessage(WORKFLOW, m -> m.getString("content").equals("first " + tag)).getString("webhook_id");
            discord.deleteWebhook(webhook);
            client.post("workflow", "second " + tag);
            JsonObject second = awaitDiscordMessage(WORKFLOW, m -> m.getString("content").equals("second " + tag));
            assertThat(second.getString("webhook_id")).isNotEqualTo(webhook);
        }
    }

    @Test
    void aMappedPersonRunsSlashCommandsFromDiscordAndOthersGetALink() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), lead.token())) {
            discord.postAsUser(WORKFLOW, LEAD_DISCORD_ID, "Lead", "/help");
            JsonNode answer = client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && "command_result".equals(frame.path("message").path("metadata").path("type").asText()));
            assertThat(answer.path("message").path("content").asText()).contains("ran `/help`");
            assertThat(answer.path("message").path("channel").asText()).isEqualTo("workflow");
            // the answer is relayed back to Discord like any message of the channel
            awaitDiscordMessage(WORKFLOW, m -> m.getString("webhook_id") != null && m.getString("content").contains("ran `/help`"));

            discord.postAsUser(WORKFLOW, "4101", "Stranger", "/state " + tag);
            JsonObject reply = awaitDiscordMessage(WORKFLOW, m -> m.getString("content").contains("Commands run in the web chat")
                    && m.getString("webhook_id") == null);
            assertThat(reply.getJsonObject("author").getString("id")).isEqualTo(FakeDiscord.BOT_USER_ID);
            assertThat(client.frames()).noneMatch(frame -> frame.path("message").path("content").asText().contains("/state " + tag));

            // a pasted path is a message, not a command; a second command within the cooldown gets no second link
            discord.postAsUser(WORKFLOW, "4101", "Stranger", "/var/log/syslog " + tag + " shows the crash");
            client.awaitFrame(created("/var/log/syslog " + tag + " shows the crash"));
            discord.postAsUser(WORKFLOW, "4101", "Stranger", "/sprint status " + tag);
            discord.postAsUser(WORKFLOW, "4101", "Stranger", "marker " + tag);
            client.awaitFrame(created("marker " + tag));
            assertThat(discord.messages(WORKFLOW)).filteredOn(m -> m.getString("webhook_id") == null
                    && m.getString("content").contains("Commands run in the web chat")).hasSize(1);
        }
    }

    @Test
    void repliesQuoteTheirParentAndApprovalsLinkBackToTheWebChat() {
        SignedIn writer = accounts.newMember("replier");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token());
             RedisClient redis = new RedisClient(run.redis().uri())) {
            String parent = client.post("general", "the plan " + tag);
            JsonObject parentCopy = awaitDiscordMessage(GENERAL, m -> m.getString("content").equals("the plan " + tag));
            client.awaitAck(client.send("message.send", "channel", "general", "content", "agreed " + tag, "reply_to", parent));
            JsonObject reply = awaitDiscordMessage(GENERAL, m -> m.getString("content").endsWith("agreed " + tag));
            assertThat(reply.getString("content")).startsWith("> ↪ replying to https://discord.com/channels/"
                    + FakeDiscord.GUILD_ID + "/" + GENERAL + "/" + parentCopy.getString("id"));

            redis.xadd(new RedisNames(run.redisPrefix()).inStream(), """
                    {"v":1,"id":"t-%s","type":"approval.request","source":"agent:code","data":{"request_type":"code_change",
                     "title":"Rename the module %s","payload":{"files":["a.java"],"diff":"-a\\n+b"},"expires_in_s":600}}"""
                    .formatted(UUID.randomUUID(), tag));
            JsonObject approval = awaitDiscordMessage(WORKFLOW, m -> m.getString("content").contains("Rename the module " + tag));
            assertThat(approval.getString("content")).contains("Decide in Workflow Chat: " + chat.base());
            assertThat(approval.getJsonObject("author").getString("username")).isEqualTo("💻 Code Agent");
        }
    }

    @Test
    void aRefusedTokenStopsTheBridgeWithAClearLogLineAndItIsNotReady() throws Exception {
        // under a prefix of its own: beside this class's bridge, which holds the lease, it would stand by and never log in
        try (BridgeProcess refused = BridgeProcess.startWithoutWaiting(run, discord, chat.base(), "general=" + GENERAL, "",
                BRIDGE_PASSWORD, Map.of("DISCORD_TOKEN", "not-the-token", "WFCHAT_REDIS_PREFIX", run.redisPrefix("refused")))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> refused.status("/q/health/live") == 200);
            // it logs in once it holds the bridge's lease, moments after it is live
            await().atMost(Duration.ofSeconds(60)).until(() -> refused.log().contains("Discord refused DISCORD_TOKEN (401)"));
            assertThat(refused.status("/q/health/ready")).isEqualTo(503);
            assertThat(refused.body("/q/health/ready")).contains("Discord refused DISCORD_TOKEN");
        }
    }

    // ---- helpers

    private static BridgeProcess startBridge() throws Exception {
        return BridgeProcess.start(run, discord, chat.base(), "general=" + GENERAL + ",workflow=" + WORKFLOW,
                LEAD_DISCORD_ID + "=" + lead.username(), BRIDGE_PASSWORD);
    }

    private static Predicate<JsonNode> created(String content) {
        return frame -> "message.created".equals(frame.path("type").asText())
                && content.equals(frame.path("message").path("content").asText());
    }

    private static long count(ChatClient client, String content) {
        return client.frames().stream().filter(created(content)).count();
    }

    private static JsonObject awaitDiscordMessage(String channel, Predicate<JsonObject> match) {
        return await().atMost(WAIT).until(() -> discordMessage(channel, match).orElse(null), found -> found != null);
    }

    private static Optional<JsonObject> discordMessage(String channel, Predicate<JsonObject> match) {
        return discord.messages(channel).stream().filter(match).findFirst();
    }

    private static List<String> allDiscordContents() {
        return discord.textChannelIds().stream().flatMap(id -> discord.messages(id).stream())
                .map(m -> m.getString("content", "")).toList();
    }
}
