package dev.workflowchat.bridge.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.WebhookClient;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.FileUpload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real JDA against the fake: connect, receive, webhooks, uploads, resume after drops, op 7 and 9, 429. */
class FakeDiscordTest {

    private static final String GENERAL = "1300000000000000001";
    private static final String RANDOM = "1300000000000000002";
    private static final String ALICE_ID = "1400000000000000001";
    private static final String NICKED_ID = "1400000000000000002";
    private static final String REVIEWERS_ROLE = "1500000000000000001";
    // a bound, not a measurement: JDA connects in well under a second on a quiet machine, 8 s on a loaded one
    private static final Duration FEW_SECONDS = Duration.ofSeconds(30);

    private static final List<GenericEvent> events = new CopyOnWriteArrayList<>();
    private static FakeDiscord discord;
    private static JDA jda;

    @BeforeAll
    static void startDiscordAndJda() {
        discord = FakeDiscord.start(GENERAL, RANDOM);
        discord.addRole(REVIEWERS_ROLE, "Reviewers");
        discord.addMember(NICKED_ID, "bob", "Bobby Nick");
        jda = jdaAgainst(discord, Compression.NONE, events::add);
        await().atMost(FEW_SECONDS).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        jda.shutdownNow();
        jda.awaitShutdown(FEW_SECONDS);
        discord.close();
    }

    @BeforeEach
    void cleanSlate() {
        // an earlier test may have left JDA resuming; start each from a connected client and empty fake
        await().atMost(FEW_SECONDS).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
        discord.reset();
        events.clear();
    }

    /** How a test (or the bridge under test) points JDA at the fake. */
    static JDA jdaAgainst(FakeDiscord discord, Compression compression, EventListener listener) {
        return JDABuilder.createLight(FakeDiscord.BOT_TOKEN, GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
                .setRestConfig(new RestConfig().setBaseUrl(discord.restBaseUrl()))
                .setSessionController(new FakeSessionController(discord.gatewayUrl()))
                .setCompression(compression)
                .addEventListeners(listener)
                .build();
    }

    @Test
    void shouldConnectAndSeeTheGuild() {
        assertThat(jda.getStatus()).isEqualTo(JDA.Status.CONNECTED);
        Guild guild = jda.getGuildById(FakeDiscord.GUILD_ID);
        assertThat(guild).isNotNull();
        assertThat(guild.getTextChannels()).extracting(TextChannel::getId).containsExactly(GENERAL, RANDOM);
        assertThat(guild.getSelfMember().getId()).isEqualTo(FakeDiscord.BOT_USER_ID);
        assertThat(jda.getSelfUser().getId()).isEqualTo(FakeDiscord.BOT_USER_ID);
    }

    @Test
    void shouldPageHistoryAsDiscordDoesAtMostAHundredPerCall() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add(discord.postAsUser(RANDOM, ALICE_ID, "alice", "m" + i).getString("id"));
        }
        TextChannel channel = jda.getTextChannelById(RANDOM);
        List<Message> after = MessageHistory.getHistoryAfter(channel, ids.get(9)).limit(100).complete().getRetrievedHistory();
        assertThat(after).hasSize(100);
        assertThat(after.get(after.size() - 1).getContentRaw()).isEqualTo("m10");
        assertThat(after.get(0).getContentRaw()).isEqualTo("m109");
        List<Message> before = MessageHistory.getHistoryBefore(channel, ids.get(240)).limit(100).complete().getRetrievedHistory();
        assertThat(before.get(0).getContentRaw()).isEqualTo("m239");
        assertThat(before.get(before.size() - 1).getContentRaw()).isEqualTo("m140");
        List<Message> around = MessageHistory.getHistoryAround(channel, ids.get(50)).limit(10).complete().getRetrievedHistory();
        assertThat(around).extracting(Message::getContentRaw).contains("m50", "m45", "m54").hasSize(10);

        HttpResponse<String> tooMany = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(discord.restBaseUrl() + "channels/" + RANDOM + "/messages?limit=500&after=" + ids.get(0)))
                .header("Authorization", "Bot " + FakeDiscord.BOT_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(new io.vertx.core.json.JsonArray(tooMany.body())).hasSize(100);
    }

    @Test
    void shouldResolveMentionsOfMembersAndRolesAndAnswerMemberLookups() {
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "hi <@" + NICKED_ID + "> <@&" + REVIEWERS_ROLE + "> <@1999> <#" + RANDOM + ">");
        Message received = awaitOne(MessageReceivedEvent.class).getMessage();
        assertThat(received.getMentions().getMembers()).extracting(m -> m.getEffectiveName()).containsExactly("Bobby Nick");
        assertThat(received.getMentions().getUsers()).extracting(u -> u.getId()).containsExactly(NICKED_ID);
        assertThat(received.getMentions().getRoles()).extracting(r -> r.getName()).containsExactly("Reviewers");
        assertThat(received.getMentions().getChannels()).extracting(c -> c.getName()).containsExactly("channel-2");

        Guild guild = jda.getGuildById(FakeDiscord.GUILD_ID);
        assertThat(guild.retrieveMemberById(NICKED_ID).complete().getEffectiveName()).isEqualTo("Bobby Nick");
        assertThatThrownBy(() -> guild.retrieveMemberById("1999").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MEMBER));
    }

    @Test
    void shouldDeliverPeoplesMessagesEditsAndDeletes() {
        String id = discord.postAsUser(GENERAL, ALICE_ID, "alice", "hello from Discord").getString("id");

        MessageReceivedEvent received = awaitOne(MessageReceivedEvent.class);
        assertThat(received.getMessage().getContentRaw()).isEqualTo("hello from Discord");
        assertThat(received.getAuthor().getId()).isEqualTo(ALICE_ID);
        assertThat(received.getAuthor().getName()).isEqualTo("alice");
        assertThat(received.getChannel().getId()).isEqualTo(GENERAL);
        assertThat(received.isWebhookMessage()).isFalse();
        assertThat(received.getMember()).isNotNull();

        discord.editAsUser(GENERAL, id, "hello, edited");
        MessageUpdateEvent updated = awaitOne(MessageUpdateEvent.class);
        assertThat(updated.getMessage().getContentRaw()).isEqualTo("hello, edited");
        assertThat(updated.getMessage().getTimeEdited()).isNotNull();

        discord.deleteAsUser(GENERAL, id);
        assertThat(awaitOne(MessageDeleteEvent.class).getMessageId()).isEqualTo(id);
        assertThat(discord.messages(GENERAL)).isEmpty();
    }

    @Test
    void shouldCarryPeoplesAttachmentsWithDownloadableUrls() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};

        discord.postAsUser(GENERAL, ALICE_ID, "alice", "", List.of(new FakeFile("photo.png", "image/png", png)));

        Message.Attachment attachment = awaitOne(MessageReceivedEvent.class).getMessage().getAttachments().get(0);
        assertThat(attachment.getFileName()).isEqualTo("photo.png");
        assertThat(attachment.getContentType()).isEqualTo("image/png");
        assertThat(attachment.getUrl()).startsWith("http://127.0.0.1:").contains("?ex=");
        assertThat(download(attachment.getUrl())).isEqualTo(png);
    }

    @Test
    void shouldSendEditAndDeleteThroughAWebhookUnderAChosenName() {
        Webhook webhook = jda.getTextChannelById(GENERAL).createWebhook("Workflow Chat").complete();
        assertThat(jda.getTextChannelById(GENERAL).retrieveWebhooks().complete())
                .extracting(Webhook::getId).containsExactly(webhook.getId());
        // JDA's webhook URL always names discord.com; its requests still go to the RestConfig base URL
        WebhookClient<Message> client = WebhookClient.createClient(jda, webhook.getUrl());

        Message sent = client.sendMessage("hi from the web").setUsername("Alice Web")
                .setAvatarUrl("https://chat.example/avatars/alice.png").complete();

        JsonObject stored = discord.messages(GENERAL).get(0);
        assertThat(stored.getString("id")).isEqualTo(sent.getId());
        assertThat(stored.getString("webhook_id")).isEqualTo(webhook.getId());
        assertThat(stored.getJsonObject("author").getString("username")).isEqualTo("Alice Web");
        assertThat(stored.getJsonObject("author").getBoolean("bot")).isTrue();
        assertThat(discord.requests()).filteredOn(r -> r.is("POST", "webhooks/" + webhook.getId()))
                .singleElement()
                .satisfies(r -> assertThat(r.query()).contains("wait=true"))
                .satisfies(r -> assertThat(r.json().getString("avatar_url")).endsWith("alice.png"));
        MessageReceivedEvent echo = awaitOne(MessageReceivedEvent.class);
        assertThat(echo.isWebhookMessage()).isTrue();
        assertThat(echo.getAuthor().getId()).isEqualTo(webhook.getId());
        assertThat(echo.getAuthor().getName()).isEqualTo("Alice Web");

        client.editMessageById(sent.getId(), "hi from the web (edited)").complete();
        assertThat(awaitOne(MessageUpdateEvent.class).getMessage().getContentRaw()).isEqualTo("hi from the web (edited)");
        assertThat(discord.messages(GENERAL).get(0).getString("edited_timestamp")).isNotNull();

        client.deleteMessageById(sent.getId()).complete();
        assertThat(awaitOne(MessageDeleteEvent.class).getMessageId()).isEqualTo(sent.getId());
        assertThat(discord.messages(GENERAL)).isEmpty();
    }

    @Test
    void shouldUploadFilesAsMultipartAndServeThemBack() throws Exception {
        Webhook webhook = jda.getTextChannelById(GENERAL).createWebhook("Workflow Chat").complete();
        byte[] notes = "release notes\n".getBytes(StandardCharsets.UTF_8);

        Message sent = webhook.sendMessage("see attached").setUsername("Bob")
                .addFiles(FileUpload.fromData(notes, "notes 1.txt")).complete();

        Message.Attachment attachment = sent.getAttachments().get(0);
        assertThat(attachment.getFileName()).isEqualTo("notes_1.txt");
        assertThat(attachment.getSize()).isEqualTo(notes.length);
        assertThat(discord.requests()).filteredOn(r -> r.is("POST", "webhooks/"))
                .singleElement()
                .satisfies(r -> assertThat(r.fileNames()).containsExactly("notes 1.txt"))
                .satisfies(r -> assertThat(r.json().getString("content")).isEqualTo("see attached"));
        assertThat(download(attachment.getUrl())).isEqualTo(notes);
    }

    @Test
    void shouldAnswerUnknownWebhookAndInvalidTokenLikeDiscord() {
        Webhook webhook = jda.getTextChannelById(GENERAL).createWebhook("Workflow Chat").complete();

        assertThatThrownBy(() -> WebhookClient.createClient(jda, webhook.getId(), "not-the-token")
                .sendMessage("x").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.INVALID_WEBHOOK_TOKEN));
        discord.deleteWebhook(webhook.getId());
        assertThatThrownBy(() -> webhook.sendMessage("x").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_WEBHOOK));
        assertThat(discord.requests()).extracting(RecordedRequest::status).containsExactly(200, 401, 404);
        assertThat(discord.messages(GENERAL)).isEmpty();
    }

    @Test
    void shouldReplayWhatWasMissedWhileDroppedOnceEach() {
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "before the drop");
        awaitContents("before the drop");

        discord.holdGateway();
        discord.dropGateway();
        await().atMost(FEW_SECONDS).until(() -> discord.gatewayLog().contains("HELD"));
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "missed 1");
        discord.postAsUser(RANDOM, ALICE_ID, "alice", "missed 2");
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "missed 3");
        assertThat(receivedContents()).containsExactly("before the drop");
        discord.releaseGateway();

        awaitOne(SessionResumeEvent.class);
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "after the resume");
        // the last message arrived, so any duplicate of the earlier ones would be here by now
        awaitContents("before the drop", "missed 1", "missed 2", "missed 3", "after the resume");
        assertThat(discord.gatewayLog()).anyMatch(line -> line.startsWith("RESUME") && line.endsWith("replayed=3"));
    }

    @Test
    void shouldResumeByItselfAfterAnAbruptDrop() {
        discord.dropGateway();
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "during or after the drop");

        awaitOne(SessionResumeEvent.class);
        // no close frame from the server: to JDA the stream just ended
        assertThat(awaitOne(SessionDisconnectEvent.class).getServiceCloseFrame()).isNull();
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "later");
        awaitContents("during or after the drop", "later");
        assertThat(discord.gatewayLog()).contains("CLOSED abruptly")
                .anyMatch(line -> line.startsWith("CONNECT /gateway/resume"));
    }

    @Test
    void shouldResumeAfterReconnectRequestAndResumableInvalidSession() {
        discord.sendReconnect();
        awaitOne(SessionResumeEvent.class);
        events.clear();

        discord.sendInvalidSession(true);
        awaitOne(SessionResumeEvent.class);

        discord.postAsUser(GENERAL, ALICE_ID, "alice", "still here");
        awaitContents("still here");
        assertThat(discord.gatewayLog()).filteredOn(line -> line.startsWith("RESUME session")).hasSize(2);
    }

    @Test
    void shouldIdentifyAgainAfterInvalidSession() {
        discord.sendInvalidSession(false);

        awaitOne(SessionRecreateEvent.class);
        await().atMost(FEW_SECONDS).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
        assertThat(jda.getTextChannelById(GENERAL)).isNotNull();
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "new session");
        awaitContents("new session");
        assertThat(discord.gatewayLog()).anyMatch(line -> line.startsWith("IDENTIFY session="));
    }

    @Test
    void shouldRetryOnceAfterA429() {
        Webhook webhook = jda.getTextChannelById(GENERAL).createWebhook("Workflow Chat").complete();
        discord.rateLimitNext("webhooks/" + webhook.getId(), 1);

        webhook.sendMessage("exactly once").setUsername("Carol").complete();

        assertThat(discord.messages(GENERAL)).extracting(m -> m.getString("content")).containsExactly("exactly once");
        List<RecordedRequest> posts = discord.requests().stream()
                .filter(r -> r.is("POST", "webhooks/" + webhook.getId())).toList();
        assertThat(posts).extracting(RecordedRequest::status).containsExactly(429, 200);
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        awaitContents("exactly once");
    }

    @Test
    void shouldPageHistoryNewestFirstAndEchoTheBotsOwnMessages() {
        String first = discord.postAsUser(GENERAL, ALICE_ID, "alice", "one").getString("id");
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "two");
        discord.postAsUser(GENERAL, ALICE_ID, "alice", "three");
        TextChannel general = jda.getTextChannelById(GENERAL);

        assertThat(MessageHistory.getHistoryAfter(general, first).limit(10).complete().getRetrievedHistory())
                .extracting(Message::getContentRaw).containsExactly("three", "two");
        assertThat(general.getHistory().retrievePast(2).complete())
                .extracting(Message::getContentRaw).containsExactly("three", "two");

        Message own = general.sendMessage("from the bot").complete();
        assertThat(own.getAuthor().getId()).isEqualTo(FakeDiscord.BOT_USER_ID);
        awaitContents("one", "two", "three", "from the bot");
        assertThat(events).filteredOn(MessageReceivedEvent.class::isInstance).map(MessageReceivedEvent.class::cast)
                .filteredOn(e -> e.getMessage().getContentRaw().equals("from the bot"))
                .singleElement().satisfies(e -> assertThat(e.getAuthor()).isEqualTo(jda.getSelfUser()));
    }

    @Test
    void shouldAlsoServeJdaWithItsDefaultZlibCompression() throws InterruptedException {
        // JDA then asks for compress=zlib-stream but reads text frames as they come; the fake never compresses
        List<GenericEvent> otherEvents = new CopyOnWriteArrayList<>();
        JDA other = jdaAgainst(discord, Compression.ZLIB, otherEvents::add);
        try {
            await().atMost(FEW_SECONDS).until(() -> other.getStatus() == JDA.Status.CONNECTED);
            discord.postAsUser(RANDOM, ALICE_ID, "alice", "to both");
            await().atMost(FEW_SECONDS).until(() -> otherEvents.stream().anyMatch(MessageReceivedEvent.class::isInstance));
            awaitContents("to both");
            assertThat(discord.gatewayLog()).anyMatch(line -> line.contains("compress=zlib-stream"));
        } finally {
            other.shutdownNow();
            other.awaitShutdown(FEW_SECONDS);
        }
    }

    @Test
    void theBotsOwnReactionLeavesItsRoleAndPermissionsAsTheyWere() {
        Message mine = jda.getTextChannelById(GENERAL).sendMessage("react to self").complete();
        mine.addReaction(net.dv8tion.jda.api.entities.emoji.Emoji.fromUnicode("👍")).complete();
        await().atMost(FEW_SECONDS).until(() -> events.stream()
                .anyMatch(net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent.class::isInstance));
        // the event's member updates JDA's cache: Discord sends the bot's roles, and so does the fake
        assertThat(jda.getGuildById(FakeDiscord.GUILD_ID).getSelfMember().getRoles()).isNotEmpty();
        assertThat(jda.getGuildById(FakeDiscord.GUILD_ID).getSelfMember()
                .hasPermission(jda.getTextChannelById(GENERAL), net.dv8tion.jda.api.Permission.MANAGE_WEBHOOKS)).isTrue();
    }

    private static byte[] download(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    private static <T extends GenericEvent> T awaitOne(Class<T> type) {
        return await().atMost(FEW_SECONDS).until(() -> events.stream().filter(type::isInstance).map(type::cast).toList(),
                found -> found.size() == 1).get(0);
    }

    /** Waits until exactly these messages arrived, in this order. */
    private static void awaitContents(String... contents) {
        await().atMost(FEW_SECONDS).untilAsserted(() -> assertThat(receivedContents()).containsExactly(contents));
    }

    private static List<String> receivedContents() {
        return events.stream()
                .filter(MessageReceivedEvent.class::isInstance)
                .map(e -> ((MessageReceivedEvent) e).getMessage().getContentRaw())
                .toList();
    }
}
