package dev.workflowchat.bridge.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real JDA against the fake's threads: started from a message (the thread takes its id), a webhook posting into
 * one with {@code thread_id}, forum posts, people's messages in them, and Discord's refusals.
 */
class FakeThreadsTest {

    private static final String GENERAL = "1300000000000000011";
    private static final String FORUM = "1300000000000000012";
    private static final String NO_THREADS = "1300000000000000013";
    private static final String ALICE = "1400000000000000011";
    private static final Duration FEW_SECONDS = Duration.ofSeconds(30);

    private static final List<GenericEvent> events = new CopyOnWriteArrayList<>();
    private static FakeDiscord discord;
    private static JDA jda;

    @BeforeAll
    static void start() {
        discord = FakeDiscord.start(GENERAL, NO_THREADS);
        discord.addForum(FORUM);
        discord.denyCreateThreads(NO_THREADS);
        jda = FakeDiscordTest.jdaAgainst(discord, Compression.NONE, events::add);
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
        discord.reset();
        events.clear();
    }

    @Test
    void aForumChannelIsPartOfTheGuildAndItsPermissionsAreRead() {
        ForumChannel forum = jda.getForumChannelById(FORUM);
        assertThat(forum).isNotNull();
        assertThat(forum.getType()).isEqualTo(ChannelType.FORUM);
        assertThat(jda.getGuildById(FakeDiscord.GUILD_ID).getSelfMember()
                .hasPermission(jda.getTextChannelById(NO_THREADS), net.dv8tion.jda.api.Permission.CREATE_PUBLIC_THREADS)).isFalse();
    }

    @Test
    void aThreadStartedFromAMessageTakesItsIdAndAWebhookPostsIntoItWithThreadId() {
        Message starter = jda.getTextChannelById(GENERAL).sendMessage("root").complete();
        ThreadChannel thread = jda.getTextChannelById(GENERAL).createThreadChannel("About the root", starter.getId()).complete();

        assertThat(thread.getId()).isEqualTo(starter.getId());
        assertThat(thread.getParentChannel().getId()).isEqualTo(GENERAL);
        JsonObject described = discord.thread(thread.getId());
        assertThat(described.getInteger("type")).isEqualTo(11);
        assertThat(described.getString("parent_id")).isEqualTo(GENERAL);
        assertThat(described.getJsonObject("thread_metadata").getBoolean("archived")).isFalse();
        assertThat(discord.messages(GENERAL).get(0).getJsonObject("thread").getString("id")).isEqualTo(thread.getId());

        Webhook webhook = jda.getTextChannelById(GENERAL).createWebhook("Workflow Chat").complete();
        Message inThread = webhook.sendMessage("a reply").setUsername("Bob").setThreadId(thread.getId()).complete();
        assertThat(discord.messages(thread.getId())).extracting(m -> m.getString("content")).containsExactly("a reply");
        assertThat(discord.messages(thread.getId()).get(0).getString("channel_id")).isEqualTo(thread.getId());
        assertThat(discord.messages(GENERAL)).hasSize(1);
        assertThat(discord.requests()).filteredOn(r -> r.is("POST", "webhooks/" + webhook.getId()))
                .singleElement().satisfies(r -> assertThat(r.query()).contains("thread_id=" + thread.getId()));

        webhook.editMessageById(inThread.getId(), "a reply, edited").setThreadId(thread.getId()).complete();
        assertThat(discord.messages(thread.getId()).get(0).getString("content")).isEqualTo("a reply, edited");
        // without thread_id the message is not the channel's: Unknown Message
        assertThatThrownBy(() -> webhook.deleteMessageById(inThread.getId()).complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
        webhook.deleteMessageById(inThread.getId()).setThreadId(thread.getId()).complete();
        assertThat(discord.messages(thread.getId())).isEmpty();
        await().atMost(FEW_SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof MessageDeleteEvent deleted
                && deleted.getChannel().getId().equals(thread.getId())));

        assertThatThrownBy(() -> jda.getTextChannelById(GENERAL).createThreadChannel("again", starter.getId()).complete())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getErrorResponse())
                        .isEqualTo(ErrorResponse.THREAD_WITH_THIS_MESSAGE_ALREADY_EXISTS));
    }

    @Test
    void aPersonsMessageInAThreadArrivesFromTheThreadWithItsParent() {
        JsonObject root = discord.postAsUser(GENERAL, ALICE, "alice", "question");
        JsonObject thread = discord.startThreadAsUser(GENERAL, root.getString("id"), ALICE, "The question");
        // THREAD_CREATE: JDA learns of the thread (a thread it made itself it knows from the answer already)
        await().atMost(FEW_SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof ChannelCreateEvent created
                && created.getChannel().getId().equals(thread.getString("id"))));
        discord.postAsUser(thread.getString("id"), ALICE, "alice", "more detail");

        MessageReceivedEvent received = await().atMost(FEW_SECONDS).until(() -> events.stream()
                .filter(e -> e instanceof MessageReceivedEvent m && m.getMessage().getContentRaw().equals("more detail"))
                .map(MessageReceivedEvent.class::cast).findFirst().orElse(null), found -> found != null);
        assertThat(received.isFromThread()).isTrue();
        assertThat(received.getChannel().getId()).isEqualTo(root.getString("id"));
        assertThat(received.getChannel().asThreadChannel().getParentChannel().getId()).isEqualTo(GENERAL);
        assertThat(received.getChannel().asThreadChannel().getName()).isEqualTo("The question");
    }

    @Test
    void aForumPostIsAThreadWhoseStarterHasItsIdAndAWebhookNeedsAThreadThere() {
        JsonObject post = discord.postInForumAsUser(FORUM, ALICE, "alice", "Deploy broken?", "since noon");
        assertThat(discord.messages(post.getString("id"))).singleElement()
                .satisfies(m -> assertThat(m.getString("id")).isEqualTo(post.getString("id")));
        MessageReceivedEvent starter = await().atMost(FEW_SECONDS).until(() -> events.stream()
                .filter(e -> e instanceof MessageReceivedEvent m && m.getMessage().getContentRaw().equals("since noon"))
                .map(MessageReceivedEvent.class::cast).findFirst().orElse(null), found -> found != null);
        assertThat(starter.getChannel().asThreadChannel().getParentChannel().getType()).isEqualTo(ChannelType.FORUM);
        assertThat(starter.getMessageId()).isEqualTo(post.getString("id"));

        ThreadChannel byBot = jda.getForumChannelById(FORUM)
                .createForumPost("From the bot", MessageCreateData.fromContent("hello forum")).complete().getThreadChannel();
        assertThat(discord.messages(byBot.getId())).extracting(m -> m.getString("content")).containsExactly("hello forum");

        Webhook webhook = jda.getForumChannelById(FORUM).createWebhook("Workflow Chat").complete();
        assertThatThrownBy(() -> webhook.sendMessage("nowhere").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getErrorCode()).isEqualTo(220001));
        webhook.sendMessage("answer").setThreadId(post.getString("id")).complete();
        assertThat(discord.messages(post.getString("id"))).extracting(m -> m.getString("content"))
                .containsExactly("since noon", "answer");

        Message opened = webhook.sendMessage("a new post").setUsername("Bob")
                .createThread(new net.dv8tion.jda.api.requests.restaction.ThreadCreateMetadata("New post")).complete();
        assertThat(opened.getChannelId()).isEqualTo(opened.getId());
        assertThat(discord.thread(opened.getId()).getString("parent_id")).isEqualTo(FORUM);
        assertThat(discord.thread(opened.getId()).getString("name")).isEqualTo("New post");
        assertThat(discord.messages(opened.getId())).singleElement()
                .satisfies(m -> assertThat(m.getString("webhook_id")).isEqualTo(webhook.getId()));
    }

    @Test
    void withoutCreatePublicThreadsDiscordAnswersMissingPermissions() {
        JsonObject root = discord.postAsUser(NO_THREADS, ALICE, "alice", "no threads here");
        // JDA refuses before asking; the raw request gets Discord's 403 50013
        assertThatThrownBy(() -> jda.getTextChannelById(NO_THREADS).createThreadChannel("x", root.getString("id")).complete())
                .isInstanceOf(net.dv8tion.jda.api.exceptions.InsufficientPermissionException.class);
        ThreadChannel none = jda.getThreadChannelById(root.getString("id"));
        assertThat(none).isNull();
        JsonObject answer = FakeHttp.postAsBot(discord, "channels/" + NO_THREADS + "/messages/" + root.getString("id") + "/threads",
                new JsonObject().put("name", "x"));
        assertThat(answer.getInteger("status")).isEqualTo(403);
        assertThat(answer.getJsonObject("body").getInteger("code")).isEqualTo(50013);
    }
}
