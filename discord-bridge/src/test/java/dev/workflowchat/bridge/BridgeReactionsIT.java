package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.support.BridgedChat;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Standard emoji reactions both ways, on messages that came from either side, without echoes: the bridge and the
 * chat-service as processes, the fake Discord announcing reactions as Discord does.
 */
class BridgeReactionsIT {

    private static final String GENERAL = "6001";
    private static final String DANA = "6100";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static BridgedChat bridged;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws Exception {
        bridged = BridgedChat.start("bridge-reactions-chat", guild -> { }, GENERAL);
        discord = bridged.discord();
        bridged.startBridge("general=" + GENERAL, "", Map.of());
    }

    @AfterAll
    static void stop() {
        if (bridged != null) {
            bridged.close();
        }
    }

    @Test
    void aDiscordReactionReachesTheWebMessageAsTheDiscordUsersAndItsRemovalFollows() {
        SignedIn reader = bridged.accounts().newMember("reactreader");
        String tag = tag();
        try (ChatClient client = ChatClient.connect(bridged.chat().base(), reader.token())) {
            JsonObject fromDiscord = discord.postAsUser(GENERAL, DANA, "dana", "from discord " + tag);
            String original = client.awaitFrame(created("from discord " + tag)).path("message").path("message_id").asText();
            String onWeb = client.post("general", "from the web " + tag);
            JsonObject copy = awaitCopy("from the web " + tag);

            discord.reactAsUser(GENERAL, fromDiscord.getString("id"), DANA, "dana", "👍");
            discord.reactAsUser(GENERAL, copy.getString("id"), DANA, "dana", "🎉");
            client.awaitFrame(reactions(original, r -> r.path("👍").toString().equals("[\"discord:" + DANA + "\"]")));
            client.awaitFrame(reactions(onWeb, r -> r.path("🎉").toString().equals("[\"discord:" + DANA + "\"]")));

            discord.unreactAsUser(GENERAL, fromDiscord.getString("id"), DANA, "👍");
            client.awaitFrame(reactions(original, r -> !r.has("👍")));
            // nothing came back: the bot never reacted to what Discord people did
            assertThat(discord.requests()).noneMatch(r -> r.route().contains(fromDiscord.getString("id") + "/reactions/")
                    || r.route().contains(copy.getString("id") + "/reactions/"));
            assertThat(discord.reactions(copy.getString("id"))).isEqualTo(Map.of("🎉", List.of(DANA)));
        }
    }

    @Test
    void aWebReactionIsTheBotsInDiscordUntilTheLastWebPersonTakesItBack() {
        SignedIn alice = bridged.accounts().newMember("reactalice");
        SignedIn bob = bridged.accounts().newMember("reactbob");
        String tag = tag();
        try (ChatClient a = ChatClient.connect(bridged.chat().base(), alice.token());
             ChatClient b = ChatClient.connect(bridged.chat().base(), bob.token())) {
            String onWeb = a.post("general", "react here " + tag);
            String copyId = awaitCopy("react here " + tag).getString("id");
            JsonObject fromDiscord = discord.postAsUser(GENERAL, DANA, "dana", "and here " + tag);
            String original = a.awaitFrame(created("and here " + tag)).path("message").path("message_id").asText();

            a.awaitAck(a.send("reaction.add", "message_id", onWeb, "reaction", "🚀"));
            b.awaitAck(b.send("reaction.add", "message_id", onWeb, "reaction", "🚀"));
            a.awaitAck(a.send("reaction.add", "message_id", original, "reaction", "👀"));
            a.awaitAck(a.send("reaction.add", "message_id", onWeb, "reaction", "ok"));
            await().atMost(WAIT).until(() -> List.of(FakeDiscord.BOT_USER_ID).equals(discord.reactions(copyId).get("🚀")));
            await().atMost(WAIT).until(() -> List.of(FakeDiscord.BOT_USER_ID)
                    .equals(discord.reactions(fromDiscord.getString("id")).get("👀")));

            a.awaitAck(a.send("reaction.remove", "message_id", onWeb, "reaction", "🚀"));
            b.awaitAck(b.send("reaction.remove", "message_id", onWeb, "reaction", "🚀"));
            await().atMost(WAIT).until(() -> !discord.reactions(copyId).containsKey("🚀"));
            // one PUT for the two web people, one DELETE after the last; plain text is no Discord emoji
            assertThat(discord.requests()).filteredOn(r -> r.route().contains(copyId + "/reactions/"))
                    .extracting(r -> r.method()).containsExactly("PUT", "DELETE");
            // the bot's own reactions, announced by Discord, did not come back as a Discord person's
            a.awaitFrame(reactions(onWeb, r -> r.has("ok") && !r.has("🚀")));
            assertThat(a.framesOfType("reaction.updated")).noneMatch(f -> f.path("reactions").toString().contains("discord:"));
        }
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonObject awaitCopy(String content) {
        return await().atMost(WAIT).until(() -> discord.messages(GENERAL).stream()
                .filter(m -> m.getString("content").equals(content)).findFirst().orElse(null), found -> found != null);
    }

    private static Predicate<JsonNode> created(String content) {
        return frame -> "message.created".equals(frame.path("type").asText())
                && content.equals(frame.path("message").path("content").asText());
    }

    private static Predicate<JsonNode> reactions(String messageId, Predicate<JsonNode> match) {
        return frame -> "reaction.updated".equals(frame.path("type").asText())
                && messageId.equals(frame.path("message_id").asText()) && match.test(frame.path("reactions"));
    }
}
