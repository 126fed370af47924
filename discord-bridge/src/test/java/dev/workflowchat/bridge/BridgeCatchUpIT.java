package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.fake.RecordedRequest;
import dev.workflowchat.bridge.support.BridgeProcess;
import dev.workflowchat.bridge.support.BridgedChat;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.infra.TestRun;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discord's markup read as names on the web (and web mentions pinging mapped people), and what happened in Discord
 * while the bridge was away brought over when it is back: paged past 100, edits and deletes included, the backfill
 * limit honoured.
 */
class BridgeCatchUpIT {

    private static final String GENERAL = "5001";
    private static final String OTHER = "5002";
    private static final String AUTHOR_ID = "5100";
    private static final String NICKED_ID = "5101";
    private static final String MAPPED_ID = "5102";
    private static final String ROLE_ID = "5200";
    private static final String BRIDGE_PASSWORD = "bridge-test-password";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static BridgedChat bridged;
    private static TestRun run;
    private static FakeDiscord discord;
    private static ChatServiceProcess chat;
    private static Accounts accounts;
    private static BridgeProcess bridge;
    private static SignedIn mapped;

    @BeforeAll
    static void start() throws Exception {
        bridged = BridgedChat.start("bridge-catch-up-chat", guild -> { }, GENERAL, OTHER);
        run = bridged.run();
        discord = bridged.discord();
        chat = bridged.chat();
        accounts = bridged.accounts();
        discord.addRole(ROLE_ID, "Reviewers");
        discord.addMember(AUTHOR_ID, "author", "Author Nick");
        discord.addMember(NICKED_ID, "ada", "Ada Nick");
        discord.addMember(MAPPED_ID, "mappedperson", null);
        mapped = accounts.newMember("mapped");
        bridge = startBridge(Map.of());
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
    void discordMentionsReadAsNamesAndWebMentionsOfMappedPeoplePing() {
        SignedIn reader = accounts.newMember("reader");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), reader.token())) {
            discord.postAsUser(GENERAL, AUTHOR_ID, "author", "hi <@" + NICKED_ID + "> <@!" + NICKED_ID + "> <@1999> <#"
                    + GENERAL + "> <#" + OTHER + "> <@&" + ROLE_ID + "> <:party:777> <a:spin:778> `<@" + NICKED_ID + ">` " + tag);
            JsonNode frame = client.awaitFrame(created("hi @Ada Nick @Ada Nick @unknown-user #general #channel-2 @Reviewers"
                    + " :party: :spin: `<@" + NICKED_ID + ">` " + tag));
            assertThat(frame.path("message").path("author_name").asText()).isEqualTo("Author Nick");

            client.post("general", "thanks @" + mapped.username() + " and @nobody " + tag);
            JsonObject copy = await().atMost(WAIT).until(() -> discord.messages(GENERAL).stream()
                    .filter(m -> m.getString("content").startsWith("thanks ") && m.getString("content").endsWith(tag))
                    .findFirst().orElse(null), found -> found != null);
            assertThat(copy.getString("content")).isEqualTo("thanks <@" + MAPPED_ID + "> and @nobody " + tag);
            assertThat(copy.getJsonArray("mentions").stream().map(m -> ((JsonObject) m).getString("id")))
                    .containsExactly(MAPPED_ID);
        }
    }

    @Test
    void aMessageOfManyUnknownMentionsArrivesWithoutAskingDiscordForEach() {
        SignedIn reader = accounts.newMember("crowd");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String mentions = IntStream.range(0, 85).mapToObj(i -> "<@" + (1_000_000_000_000_000_00L + i) + ">")
                .collect(Collectors.joining(""));
        long lookupsBefore = memberLookups();
        try (ChatClient client = ChatClient.connect(chat.base(), reader.token())) {
            discord.postAsUser(GENERAL, AUTHOR_ID, "author", mentions + " " + tag);
            client.awaitFrame(created("@unknown-user".repeat(85) + " " + tag));
        }
        assertThat(memberLookups() - lookupsBefore).isLessThanOrEqualTo(5);
    }

    @Test
    void twoHundredFiftyMessagesEditsAndDeletesMadeWhileTheBridgeWasAwayArriveInOrder() throws Exception {
        SignedIn reader = accounts.newMember("returning");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), reader.token())) {
            String toEdit = discord.postAsUser(GENERAL, AUTHOR_ID, "author", "to edit " + tag).getString("id");
            String toDelete = discord.postAsUser(GENERAL, AUTHOR_ID, "author", "to delete " + tag).getString("id");
            String editedWeb = client.awaitFrame(created("to edit " + tag)).path("message").path("message_id").asText();
            String deletedWeb = client.awaitFrame(created("to delete " + tag)).path("message").path("message_id").asText();

            bridge.close();
            discord.editAsUser(GENERAL, toEdit, "edited while away " + tag);
            discord.deleteAsUser(GENERAL, toDelete);
            for (int i = 0; i < 250; i++) {
                discord.postAsUser(GENERAL, AUTHOR_ID, "author", "away " + i + " " + tag);
            }
            int requestsBefore = discord.requests().size();
            bridge = startBridge(Map.of("WFCHAT_DISCORD_BACKFILL_LIMIT", "300"));

            // the whole walk first (250 relays take a while on a loaded machine); the deletes come after it
            await().atMost(Duration.ofSeconds(90)).until(() -> awayContents(client, tag).size() == 250);
            client.awaitFrame(f -> "message.edited".equals(f.path("type").asText())
                    && editedWeb.equals(f.path("message").path("message_id").asText())
                    && ("edited while away " + tag).equals(f.path("message").path("content").asText()));
            client.awaitFrame(f -> "message.deleted".equals(f.path("type").asText())
                    && deletedWeb.equals(f.path("message_id").asText()));
            assertThat(awayContents(client, tag))
                    .containsExactlyElementsOf(IntStream.range(0, 250).mapToObj(i -> "away " + i + " " + tag).toList());

            List<RecordedRequest> pages = discord.requests().subList(requestsBefore, discord.requests().size()).stream()
                    .filter(r -> r.is("GET", "channels/" + GENERAL + "/messages")).toList();
            assertThat(pages).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(page -> assertThat(page.query()).contains("limit=100").contains("after="));
        }
    }

    /**
     * Threads catch up too: messages of a thread the bridge relayed from before, and of one started while it
     * was away from a message it had relayed, arrive in their web threads, in order; a thread's old messages,
     * relayed before, don't come again.
     */
    @Test
    void messagesInThreadsWhileTheBridgeWasAwayArriveInTheirWebThreads() throws Exception {
        SignedIn reader = accounts.newMember("threadreader");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), reader.token())) {
            String known = discord.postAsUser(GENERAL, AUTHOR_ID, "author", "known root " + tag).getString("id");
            String knownWeb = client.awaitFrame(created("known root " + tag)).path("message").path("message_id").asText();
            discord.startThreadAsUser(GENERAL, known, AUTHOR_ID, "Known " + tag);
            discord.postAsUser(known, AUTHOR_ID, "author", "in thread before " + tag);
            client.awaitFrame(created("in thread before " + tag));
            String later = discord.postAsUser(GENERAL, AUTHOR_ID, "author", "later root " + tag).getString("id");
            String laterWeb = client.awaitFrame(created("later root " + tag)).path("message").path("message_id").asText();

            bridge.close();
            for (int i = 0; i < 3; i++) {
                discord.postAsUser(known, AUTHOR_ID, "author", "away in known " + i + " " + tag);
            }
            discord.startThreadAsUser(GENERAL, later, AUTHOR_ID, "Started away " + tag);
            for (int i = 0; i < 2; i++) {
                discord.postAsUser(later, AUTHOR_ID, "author", "away in new " + i + " " + tag);
            }
            bridge = startBridge(Map.of());

            await().atMost(WAIT).until(() -> threadContents(client, tag, knownWeb).size() == 4
                    && threadContents(client, tag, laterWeb).size() == 2);
            assertThat(threadContents(client, tag, knownWeb)).containsExactly("in thread before " + tag,
                    "away in known 0 " + tag, "away in known 1 " + tag, "away in known 2 " + tag);
            assertThat(threadContents(client, tag, laterWeb)).containsExactly("away in new 0 " + tag, "away in new 1 " + tag);
        }
    }

    @Test
    void theBackfillLimitIsHonouredAndSaidInTheLog() throws Exception {
        SignedIn reader = accounts.newMember("limited");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), reader.token())) {
            discord.postAsUser(GENERAL, AUTHOR_ID, "author", "before " + tag);
            client.awaitFrame(created("before " + tag));
            bridge.close();
            for (int i = 0; i < 15; i++) {
                discord.postAsUser(GENERAL, AUTHOR_ID, "author", "away " + i + " " + tag);
            }
            bridge = startBridge(Map.of("WFCHAT_DISCORD_BACKFILL_LIMIT", "10"));
            client.awaitFrame(created("away 9 " + tag));
            discord.postAsUser(GENERAL, AUTHOR_ID, "author", "marker " + tag);
            client.awaitFrame(created("marker " + tag));
            assertThat(awayContents(client, tag))
                    .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "away " + i + " " + tag).toList());
            assertThat(bridge.log()).contains("WFCHAT_DISCORD_BACKFILL_LIMIT");
        }
    }

    // ---- helpers

    /** The messages the reader got, in the chat's order: by seq, the order of their commits (live frames may overtake one another). */
    private static List<String> awayContents(ChatClient client, String tag) {
        return client.frames().stream().filter(f -> "message.created".equals(f.path("type").asText()))
                .sorted(java.util.Comparator.comparingLong(f -> f.path("message").path("seq").asLong()))
                .map(f -> f.path("message").path("content").asText())
                .filter(content -> content.startsWith("away ") && content.endsWith(tag)).toList();
    }

    /** The replies the reader got in the web thread of {@code root}, by seq. */
    private static List<String> threadContents(ChatClient client, String tag, String root) {
        return client.frames().stream().filter(f -> "message.created".equals(f.path("type").asText())
                        && root.equals(f.path("message").path("thread_id").asText()))
                .sorted(java.util.Comparator.comparingLong(f -> f.path("message").path("seq").asLong()))
                .map(f -> f.path("message").path("content").asText())
                .filter(content -> content.endsWith(tag)).toList();
    }

    private static long memberLookups() {
        return discord.requests().stream().filter(r -> r.route().startsWith("guilds/")).count();
    }

    private static BridgeProcess startBridge(Map<String, String> settings) throws Exception {
        return BridgeProcess.start(run, discord, chat.base(), "general=" + GENERAL, MAPPED_ID + "=" + mapped.username(),
                BRIDGE_PASSWORD, settings);
    }

    private static Predicate<JsonNode> created(String content) {
        return frame -> "message.created".equals(frame.path("type").asText())
                && content.equals(frame.path("message").path("content").asText());
    }
}
