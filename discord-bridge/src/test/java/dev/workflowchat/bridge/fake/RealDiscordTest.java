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
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Opt-in: checks against real Discord what the fake assumes (webhook echo, edit, delete, paging, name rules,
 * the approval buttons on the bot's webhook and their replacement, the bridge's guild commands by bulk overwrite).
 * Needs DISCORD_TEST_TOKEN (a bot with Manage Webhooks and the Message Content intent) and
 * DISCORD_TEST_CHANNEL_ID (a text channel it can write in); skipped without them.
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
                        GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
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
        } finally {
            jda.shutdown();
            jda.awaitShutdown(PATIENCE);
        }
    }

    private <T extends GenericEvent> T awaitEvent(Class<T> type, Predicate<T> matching) {
        return await().atMost(PATIENCE).until(
                () -> events.stream().filter(type::isInstance).map(type::cast).filter(matching).findFirst(),
                Optional::isPresent).get();
    }
}
