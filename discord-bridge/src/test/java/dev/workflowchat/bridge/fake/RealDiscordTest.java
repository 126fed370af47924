package dev.workflowchat.bridge.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import dev.workflowchat.bridge.discord.ApprovalButtons;
import dev.workflowchat.bridge.discord.JdaInteractions;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Opt-in: checks against real Discord what the fake assumes (webhook echo, edit, delete, paging, name rules,
 * the approval buttons on the bot's webhook and their replacement, the bridge's guild commands by bulk overwrite,
 * threads: one started from a message takes its id, a webhook posts, edits and deletes in it with thread_id, a
 * second start answers 160004; forum posts, when DISCORD_TEST_FORUM_ID names a forum channel; allowed_mentions,
 * a reaction's member and a bulk delete's ids).
 * Needs DISCORD_TEST_TOKEN (a bot with Manage Webhooks, Manage Messages (the bulk delete), Add Reactions, Create
 * Public Threads, Send Messages in Threads and the Message Content intent) and DISCORD_TEST_CHANNEL_ID (a text channel it can write in); skipped without them.
 * The threads and forum posts it makes are left for a person to delete (the bridge never deletes a thread).
 */
@EnabledIfEnvironmentVariable(named = "DISCORD_TEST_TOKEN", matches = ".+")
@EnabledIfEnvironmentVariable(named = "DISCORD_TEST_CHANNEL_ID", matches = "\\d+")
class RealDiscordTest {

    private static final String WEBHOOK_NAME = "wfchat contract test";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<GenericEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void shouldBehaveTheWayTheFakeDoes() throws InterruptedException {
        JDA jda = JDABuilder.createLight(System.getenv("DISCORD_TEST_TOKEN"),
                        GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_MESSAGE_REACTIONS)
                .addEventListeners((EventListener) events::add)
                .build()
                .awaitReady();
        try {
            TextChannel channel = jda.getTextChannelById(System.getenv("DISCORD_TEST_CHANNEL_ID"));
            Webhook webhook = channel.retrieveWebhooks().complete().stream()
                    .filter(w -> WEBHOOK_NAME.equals(w.getName()) && w.getToken() != null)
                    .findFirst()
                    .orElseGet(() -> channel.createWebhook(WEBHOOK_NAME).complete());

            Message first = webhook.sendMessage("contract check " + Instant.now()).setUsername("Contract Test").complete();
            Message second = webhook.sendMessage("and a second one").setUsername("Contract Test").complete();
            assertThat(first.isWebhookMessage()).isTrue();
            assertThat(first.getAuthor().getId()).isEqualTo(webhook.getId());
            assertThat(first.getAuthor().getName()).isEqualTo("Contract Test");
            MessageReceivedEvent echo = awaitEvent(MessageReceivedEvent.class,
                    e -> e.getMessageId().equals(first.getId()));
            assertThat(echo.isWebhookMessage()).isTrue();

            assertThat(MessageHistory.getHistoryAfter(channel, first.getId()).limit(10).complete()
                    .getRetrievedHistory()).extracting(Message::getId).containsExactly(second.getId());

            webhook.editMessageById(first.getId(), "contract check (edited)").complete();
            assertThat(awaitEvent(MessageUpdateEvent.class, e -> e.getMessageId().equals(first.getId()))
                    .getMessage().getTimeEdited()).isNotNull();

            webhook.deleteMessageById(first.getId()).complete();
            webhook.deleteMessageById(second.getId()).complete();
            awaitEvent(MessageDeleteEvent.class, e -> e.getMessageId().equals(first.getId()));

            // the approval row on the bot's own webhook, then the decision in its place
            Message approval = webhook.sendMessage("approval contract check").setUsername("Contract Test")
                    .setComponents(JdaInteractions.buttons(new ApprovalButtons("contract-check", "https://example.org")))
                    .complete();
            assertThat(approval.getComponents()).hasSize(1);
            webhook.editMessageComponentsById(approval.getId(), JdaInteractions.decided("contract-check", "✅ Approved by x"))
                    .complete();
            webhook.deleteMessageById(approval.getId()).complete();
            // the bridge's commands, as it registers them (the bot needs the applications.commands scope)
            assertThat(channel.getGuild().updateCommands().addCommands(JdaInteractions.commands()).complete())
                    .extracting(command -> command.getName()).containsExactly("approve", "reject", "status", "state", "tdd", "sprint", "epic", "story");

            assertThatThrownBy(() -> webhook.sendMessage("x").setUsername("Discord Fan").complete())
                    .isInstanceOfSatisfying(ErrorResponseException.class,
                            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.INVALID_FORM_BODY));

            mentionsReactionsAndBulkDeletesBehaveTheWayTheFakeDoes(channel, webhook);
            threadsBehaveTheWayTheFakesDo(channel, webhook);
            String forumId = System.getenv("DISCORD_TEST_FORUM_ID");
            if (forumId != null && forumId.matches("\\d+")) {
                forumPostsBehaveTheWayTheFakesDo(jda.getForumChannelById(forumId));
            }
        } finally {
            jda.shutdown();
            jda.awaitShutdown(PATIENCE);
        }
    }

    /**
     * What the fake assumes of mentions (a post with allowed_mentions empty pings no one, whatever it
     * says), of a reaction's event (the member, with the roles the guild gives it) and of a bulk delete
     * (one event naming every id).
     */
    private void mentionsReactionsAndBulkDeletesBehaveTheWayTheFakeDoes(TextChannel channel, Webhook webhook) {
        Message quiet = webhook.sendMessage("@everyone contract check").setUsername("Contract Test")
                .setAllowedMentions(List.of()).complete();
        assertThat(quiet.getMentions().mentionsEveryone()).isFalse();
        webhook.deleteMessageById(quiet.getId()).complete();

        Message mine = channel.sendMessage("reaction contract check").complete();
        mine.addReaction(Emoji.fromUnicode("👍")).complete();
        MessageReactionAddEvent reaction = awaitEvent(MessageReactionAddEvent.class,
                e -> e.getMessageId().equals(mine.getId()));
        assertThat(reaction.getEmoji().getName()).isEqualTo("👍");
        assertThat(reaction.getMember()).isNotNull();
        assertThat(reaction.getMember().getRoles())
                .containsExactlyInAnyOrderElementsOf(channel.getGuild().getSelfMember().getRoles());

        Message other = channel.sendMessage("bulk delete contract check").complete();
        channel.deleteMessagesByIds(List.of(mine.getId(), other.getId())).complete();
        MessageBulkDeleteEvent bulk = awaitEvent(MessageBulkDeleteEvent.class, e -> e.getMessageIds().contains(mine.getId()));
        assertThat(bulk.getMessageIds()).containsExactlyInAnyOrder(mine.getId(), other.getId());
    }

    /** What FakeThreads assumes: ids, THREAD_CREATE, thread_id on webhook calls, 160004. */
    private void threadsBehaveTheWayTheFakesDo(TextChannel channel, Webhook webhook) {
        Message root = webhook.sendMessage("thread contract check " + Instant.now()).setUsername("Contract Test").complete();
        ThreadChannel thread = channel.createThreadChannel("Contract check", root.getId()).complete();
        assertThat(thread.getId()).isEqualTo(root.getId());
        assertThat(thread.getParentChannel().getId()).isEqualTo(channel.getId());

        Message inThread = webhook.sendMessage("in the thread").setUsername("Contract Test").setThreadId(thread.getId()).complete();
        MessageReceivedEvent echo = awaitEvent(MessageReceivedEvent.class, e -> e.getMessageId().equals(inThread.getId()));
        assertThat(echo.isFromThread()).isTrue();
        assertThat(echo.getChannel().getId()).isEqualTo(thread.getId());
        assertThat(echo.getChannel().asThreadChannel().getParentChannel().getId()).isEqualTo(channel.getId());
        webhook.editMessageById(inThread.getId(), "in the thread (edited)").setThreadId(thread.getId()).complete();
        assertThatThrownBy(() -> webhook.deleteMessageById(inThread.getId()).complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
        webhook.deleteMessageById(inThread.getId()).setThreadId(thread.getId()).complete();

        assertThatThrownBy(() -> channel.createThreadChannel("again", root.getId()).complete())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getErrorResponse())
                        .isEqualTo(ErrorResponse.THREAD_WITH_THIS_MESSAGE_ALREADY_EXISTS));
    }

    /** A forum post's starter has the post's id; a webhook there must name a thread (220001). */
    private void forumPostsBehaveTheWayTheFakesDo(ForumChannel forum) {
        var post = forum.createForumPost("Contract check " + Instant.now(), MessageCreateData.fromContent("forum contract"))
                .complete();
        assertThat(post.getMessage().getId()).isEqualTo(post.getThreadChannel().getId());
        assertThat(post.getThreadChannel().getParentChannel().getId()).isEqualTo(forum.getId());
        Webhook webhook = forum.retrieveWebhooks().complete().stream()
                .filter(w -> WEBHOOK_NAME.equals(w.getName()) && w.getToken() != null)
                .findFirst()
                .orElseGet(() -> forum.createWebhook(WEBHOOK_NAME).complete());
        assertThatThrownBy(() -> webhook.sendMessage("nowhere").setUsername("Contract Test").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getErrorCode()).isEqualTo(220001));
        Message answer = webhook.sendMessage("answer").setUsername("Contract Test")
                .setThreadId(post.getThreadChannel().getId()).complete();
        awaitEvent(MessageReceivedEvent.class, e -> e.getMessageId().equals(answer.getId()) && e.isFromThread());
    }

    private <T extends GenericEvent> T awaitEvent(Class<T> type, Predicate<T> matching) {
        return await().atMost(PATIENCE).until(
                () -> events.stream().filter(type::isInstance).map(type::cast).filter(matching).findFirst(),
                Optional::isPresent).get();
    }
}
