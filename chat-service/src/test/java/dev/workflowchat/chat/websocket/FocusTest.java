package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Delivery by interest: a client that says which channels it looks at ({@code focus}) gets their
 * changes in full and, for the others, {@code unread} counts; a mention reaches the person at once;
 * switching back and resuming that channel gives its changes exactly once; a client that never
 * says anything gets everything, as before.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FocusTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aFocusedClientGetsItsChannelInFullAndOnlyCountsOfTheOthers() {
        try (ChatClient carol = ChatClient.connect(base, Accounts.member("carol-f").token());
             ChatClient alice = ChatClient.connect(base, Accounts.member("alice-f").token())) {
            carol.awaitType("ready");
            carol.awaitAck(carol.send("focus", "channels", List.of("general")));

            List<String> elsewhere = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                elsewhere.add(alice.post("agents", "busy elsewhere " + i));
            }
            String reply = alice.awaitAck(alice.send("message.send", "channel", "agents", "content", "in a thread",
                    "thread_id", elsewhere.get(0))).path("message").path("message_id").asText();
            String own = carol.post("agents", "carol's own, from here");
            String here = alice.post("general", "where carol looks");

            carol.awaitFrame(ChatClient.created(here));
            long latest = seqOf(alice, own);
            await().atMost(ChatClient.WAIT).until(() -> latestUnread(carol, "agents") >= latest);
            // three new top-level messages by someone else; the reply and carol's own are not "new"
            assertThat(unreadCount(carol, "agents")).isEqualTo(3);
            assertThat(carol.framesOfType("unread")).allSatisfy(frame ->
                    assertThat(frame.path("channels").has("general")).isFalse());
            // the unread frame came after everything it counts: none of those was pushed in full
            assertThat(carol.frames()).noneMatch(frame -> elsewhere.contains(createdId(frame))
                    || reply.equals(createdId(frame)));
        }
    }

    @Test
    void aMentionElsewhereArrivesAtOnce() {
        Accounts.SignedIn doraAccount = Accounts.member("dora");
        try (ChatClient dora = ChatClient.connect(base, doraAccount.token());
             ChatClient alice = ChatClient.connect(base, Accounts.member("alice-f2").token())) {
            dora.awaitType("ready");
            dora.awaitAck(dora.send("focus", "channels", List.of("general")));
            String quiet = alice.post("agents", "not for dora");
            String mention = alice.post("agents", "@" + doraAccount.username() + " can you look at this?");

            JsonNode pushed = dora.awaitFrame(ChatClient.created(mention));
            assertThat(pushed.path("message").path("content").asText()).contains("@" + doraAccount.username());
            await().atMost(ChatClient.WAIT).until(() -> mentioned(dora, "agents"));
            assertThat(dora.frames()).noneMatch(frame -> quiet.equals(createdId(frame)));
        }
    }

    @Test
    void switchingBackThenResumingTheChannelGivesItsChangesExactlyOnce() {
        try (ChatClient erin = ChatClient.connect(base, Accounts.member("erin-f").token());
             ChatClient alice = ChatClient.connect(base, Accounts.member("alice-f3").token())) {
            long cursor = erin.awaitType("ready").path("last_seq").asLong();
            erin.awaitAck(erin.send("focus", "channels", List.of("general")));
            String first = alice.post("agents", "one");
            String second = alice.post("agents", "two");
            alice.awaitAck(alice.send("message.edit", "message_id", first, "content", "one, edited"));
            alice.awaitAck(alice.send("reaction.add", "message_id", second, "reaction", "👍"));
            String here = alice.post("general", "while erin looks here");
            erin.awaitFrame(ChatClient.created(here));

            erin.awaitAck(erin.send("focus", "channels", List.of("agents")));
            List<JsonNode> replayed = resumeChannel(erin, cursor, "agents");

            assertThat(replayed).extracting(FocusTest::describe).containsExactly(
                    "message.created:" + first, "message.created:" + second, "message.edited:" + first,
                    "reaction.updated:" + second);
            Set<Long> seqs = new HashSet<>();
            assertThat(erin.frames().stream().filter(frame -> frame.has("seq")))
                    .allSatisfy(frame -> assertThat(seqs.add(frame.path("seq").asLong())).isTrue());

            // and from now on agents comes in full, general as counts
            String live = alice.post("agents", "now erin looks here");
            erin.awaitFrame(ChatClient.created(live));
        }
    }

    @Test
    void aChannelLeftIsCountedFromWhenItWasLeft() {
        try (ChatClient fay = ChatClient.connect(base, Accounts.member("fay-f").token());
             ChatClient alice = ChatClient.connect(base, Accounts.member("alice-f5").token())) {
            fay.awaitType("ready");
            fay.awaitAck(fay.send("focus", "channels", List.of("agents")));
            String seen = alice.post("agents", "fay sees this one in full");
            fay.awaitFrame(ChatClient.created(seen));

            fay.awaitAck(fay.send("focus", "channels", List.of("general")));
            alice.post("agents", "after fay left");
            String last = alice.post("agents", "after fay left, again");
            long latest = seqOf(alice, last);
            await().atMost(ChatClient.WAIT).until(() -> latestUnread(fay, "agents") >= latest);
            // the one she saw while looking is not news
            assertThat(unreadCount(fay, "agents")).isEqualTo(2);
            assertThat(fay.frames()).noneMatch(frame -> last.equals(createdId(frame)));
        }
    }

    @Test
    void aClientThatNeverFocusesGetsEverythingAsBefore() {
        try (ChatClient old = ChatClient.connect(base, Accounts.member("old-f").token());
             ChatClient alice = ChatClient.connect(base, Accounts.member("alice-f4").token())) {
            old.awaitType("ready");
            List<String> posted = IntStream.range(0, 3).mapToObj(i -> alice.post(i % 2 == 0 ? "agents" : "general",
                    "to everyone " + i)).toList();
            posted.forEach(id -> old.awaitFrame(ChatClient.created(id)));
            assertThat(old.framesOfType("unread")).isEmpty();
        }
    }

    @Test
    void badFocusAndChannelResumeFramesAreRefusedAndChangeNothing() {
        Accounts.SignedIn aliceAccount = Accounts.member("alice-f5");
        try (ChatClient fay = ChatClient.connect(base, Accounts.member("fay-f").token());
             ChatClient alice = ChatClient.connect(base, aliceAccount.token())) {
            long cursor = fay.awaitType("ready").path("last_seq").asLong();
            fay.awaitAck(fay.send("focus", "channels", List.of("general")));

            List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "c" + i).toList();
            assertBadRequest(fay, fay.send("focus", "channels", eleven));
            assertBadRequest(fay, fay.send("focus", "channels", "general"));
            assertBadRequest(fay, fay.send("focus"));
            assertBadRequest(fay, fay.send("focus", "channels", List.of("Not A Channel!")));
            assertBadRequest(fay, fay.send("resume", "after_seq", cursor, "channel", "../general"));
            JsonNode someoneElsesDm = fay.awaitError(fay.send("resume", "after_seq", cursor,
                    "channel", "dm:builder:" + aliceAccount.username()));
            assertThat(someoneElsesDm.path("code").asText()).isIn("forbidden", "not_found");

            // the focus that held before the bad frames still holds
            String elsewhere = alice.post("agents", "still counted");
            String here = alice.post("general", "still in full");
            fay.awaitFrame(ChatClient.created(here));
            await().atMost(ChatClient.WAIT).until(() -> unreadCount(fay, "agents") == 1);
            assertThat(fay.frames()).noneMatch(frame -> elsewhere.equals(createdId(frame)));
            assertThat(fay.isOpen()).isTrue();
        }
    }

    private static void assertBadRequest(ChatClient client, String ref) {
        assertThat(client.awaitError(ref).path("code").asText()).isEqualTo("bad_request");
    }

    /** Resumes the channel until the server says nothing more is missing; returns the replayed changes. */
    private static List<JsonNode> resumeChannel(ChatClient client, long afterSeq, String channel) {
        int seen = client.frames().size();
        long cursor = afterSeq;
        while (true) {
            JsonNode ack = client.awaitAck(client.send("resume", "after_seq", cursor, "channel", channel));
            cursor = ack.path("last_seq").asLong();
            if (!ack.path("has_more").asBoolean()) {
                break;
            }
        }
        return client.frames().subList(seen, client.frames().size()).stream()
                .filter(frame -> frame.has("seq") && channel.equals(channelOf(frame)))
                .toList();
    }

    private static String channelOf(JsonNode frame) {
        return frame.has("channel") ? frame.path("channel").asText() : frame.path("message").path("channel").asText();
    }

    private static long seqOf(ChatClient client, String messageId) {
        return client.awaitFrame(ChatClient.created(messageId)).path("seq").asLong();
    }

    private static int unreadCount(ChatClient client, String channel) {
        return client.framesOfType("unread").stream()
                .mapToInt(frame -> frame.path("channels").path(channel).path("count").asInt()).sum();
    }

    private static long latestUnread(ChatClient client, String channel) {
        return client.framesOfType("unread").stream()
                .mapToLong(frame -> frame.path("channels").path(channel).path("latest_seq").asLong()).max().orElse(0);
    }

    private static boolean mentioned(ChatClient client, String channel) {
        return client.framesOfType("unread").stream()
                .anyMatch(frame -> frame.path("channels").path(channel).path("mentioned").asBoolean());
    }

    private static String createdId(JsonNode frame) {
        return "message.created".equals(frame.path("type").asText())
                ? frame.path("message").path("message_id").asText() : "";
    }

    private static String describe(JsonNode frame) {
        String id = frame.has("message") ? frame.path("message").path("message_id").asText()
                : frame.path("message_id").asText();
        return frame.path("type").asText() + ":" + id;
    }
}
