package dev.workflowchat.bridge.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real JDA against the fake's interactions: commands by bulk overwrite, buttons on webhook messages, callbacks. */
class FakeInteractionsTest {

    private static final String GENERAL = "1300000000000000001";
    private static final String ALICE_ID = "1400000000000000001";
    private static final Duration FEW_SECONDS = Duration.ofSeconds(5);

    private static final List<GenericEvent> events = new CopyOnWriteArrayList<>();
    private static FakeDiscord discord;
    private static JDA jda;

    @BeforeAll
    static void start() {
        discord = FakeDiscord.start(GENERAL);
        jda = FakeDiscordTest.jdaAgainst(discord, Compression.NONE, events::add);
        await().atMost(FEW_SECONDS).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        jda.shutdownNow();
        jda.awaitShutdown(FEW_SECONDS);
        discord.close();
    }

    @Test
    void shouldRegisterGuildCommandsByBulkOverwriteAndDeliverTheirInteractions() throws Exception {
        var guild = jda.getGuildById(FakeDiscord.GUILD_ID);
        guild.updateCommands().addCommands(Commands.slash("ping", "Answers").addOption(OptionType.STRING, "what", "It", true))
                .submit().get();
        guild.updateCommands().addCommands(Commands.slash("status", "Says how things are")).submit().get();
        assertThat(discord.guildCommands().stream().map(c -> ((JsonObject) c).getString("name"))).containsExactly("status");

        String id = discord.runCommand(GENERAL, ALICE_ID, "alice", "status", Map.of());
        SlashCommandInteractionEvent event = awaitEvent(SlashCommandInteractionEvent.class, id);
        assertThat(event.getName()).isEqualTo("status");
        assertThat(event.getUser().getId()).isEqualTo(ALICE_ID);

        event.deferReply(true).submit().get();
        event.getHook().editOriginal("all good").submit().get();
        assertThat(discord.interactionCallbacks(id).get(0).getInteger("type")).isEqualTo(5);
        assertThat(discord.interactionResponse(id).getString("content")).isEqualTo("all good");
        // one answer per interaction, as Discord holds it (JDA guards this itself; the fake must too)
        HttpResponse<String> again = callback(id, event.getToken(), "{\"type\":4,\"data\":{\"content\":\"again\"}}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(again.body()).getInteger("code")).isEqualTo(40060);
        // a deferred update (type 6) is for components and modals, not a command
        String other = discord.runCommand(GENERAL, ALICE_ID, "alice", "status", Map.of());
        assertThat(callback(other, awaitEvent(SlashCommandInteractionEvent.class, other).getToken(), "{\"type\":6}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseBadCommandsAsDiscordDoes() throws Exception {
        assertThat(put("[{\"name\":\"Bad Name\",\"description\":\"x\"}]").statusCode()).isEqualTo(400);
        assertThat(put("[{\"name\":\"ok\",\"description\":\"\"}]").statusCode()).isEqualTo(400);
        assertThat(put("[{\"name\":\"ok\",\"description\":\"x\",\"options\":[{\"type\":3,\"name\":\"a\",\"description\":\"a\"},"
                + "{\"type\":3,\"name\":\"b\",\"description\":\"b\",\"required\":true}]}]").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldCarryButtonsOnAnApplicationsWebhookAndDeliverClicks() throws Exception {
        Webhook webhook = jda.getTextChannelById(GENERAL).createWebhook("Bridge").submit().get();
        var posted = webhook.sendMessage("decide").setUsername("Agent")
                .setComponents(ActionRow.of(Button.success("yes:1", "Approve"), Button.link("https://example.org", "Open")))
                .submit().get();
        String id = discord.clickButton(GENERAL, posted.getId(), ALICE_ID, "alice", "yes:1");
        ButtonInteractionEvent click = awaitEvent(ButtonInteractionEvent.class, id);
        assertThat(click.getComponentId()).isEqualTo("yes:1");
        assertThat(click.getMessage().getId()).isEqualTo(posted.getId());

        click.deferEdit().submit().get();
        assertThat(discord.interactionCallbacks(id).get(0).getInteger("type")).isEqualTo(6);
        webhook.editMessageComponentsById(posted.getId(), ActionRow.of(Button.secondary("done", "Approved").asDisabled()))
                .submit().get();
        assertThatThrownBy(() -> discord.clickButton(GENERAL, posted.getId(), ALICE_ID, "alice", "yes:1"))
                .hasMessageContaining("no enabled button");
    }

    @Test
    void shouldRefuseAnAnswerToAnUnknownInteraction() throws Exception {
        HttpResponse<String> answer = callback("1", "nope", "{\"type\":6}");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(answer.body()).getInteger("code")).isEqualTo(10062);
    }

    private static HttpResponse<String> callback(String id, String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(discord.restBaseUrl() + "interactions/" + id + "/" + token + "/callback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String commands) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + "applications/"
                        + FakeDiscord.BOT_USER_ID + "/guilds/" + FakeDiscord.GUILD_ID + "/commands"))
                .header("Authorization", "Bot " + FakeDiscord.BOT_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(commands)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T extends net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent> T awaitEvent(
            Class<T> type, String interactionId) {
        return await().atMost(FEW_SECONDS).until(() -> events.stream().filter(type::isInstance).map(type::cast)
                .filter(e -> e.getId().equals(interactionId)).findFirst().orElse(null), found -> found != null);
    }
}
