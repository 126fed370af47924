package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ResumeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void shouldReplayExactlyWhatWasMissedInOrderWithEditsAndDeletes() {
        String bobToken = Accounts.member("bob").token();
        long lastSeen;
        try (ChatClient bob = ChatClient.connect(base, bobToken)) {
            lastSeen = bob.awaitType("ready").path("last_seq").asLong();
        }
        List<String> expected = new ArrayList<>();
        try (ChatClient alice = ChatClient.connect(base, Accounts.member("alice").token())) {
            String first = alice.post("general", "one");
            String second = alice.post("general", "two");
            String third = alice.post("agents", "three");
            alice.awaitAck(alice.send("message.edit", "message_id", second, "content", "two, edited"));
            alice.awaitAck(alice.send("message.delete", "message_id", first));
            alice.awaitAck(alice.send("reaction.add", "message_id", third, "reaction", "🎉"));
            expected.addAll(List.of("message.created:" + first, "message.created:" + second,
                    "message.created:" + third, "message.edited:" + second, "message.deleted:" + first,
                    "reaction.updated:" + third));
        }

        try (ChatClient bob = ChatClient.connect(base, bobToken)) {
            List<JsonNode> missed = resumeFully(bob, lastSeen);
            assertThat(missed).extracting(ResumeTest::describe).containsExactlyElementsOf(expected);
            assertStrictlyIncreasing(missed);
            JsonNode edit = missed.get(3);
            assertThat(edit.path("message").path("content").asText()).isEqualTo("two, edited");
        }
    }

    @Test
    void shouldHandOutALongGapInBatches() {
        String token = Accounts.member("late").token();
        long lastSeen;
        try (ChatClient late = ChatClient.connect(base, token)) {
            lastSeen = late.awaitType("ready").path("last_seq").asLong();
        }
        List<String> posted = new ArrayList<>();
        Accounts.SignedIn author = Accounts.member("writer");
        try (ChatClient writer = ChatClient.connect(base, author.token())) {
            for (int i = 0; i < 60; i++) {
                posted.add(writer.post("general", "message " + i));
            }
        }
        try (ChatClient late = ChatClient.connect(base, token)) {
            String ref = late.send("resume", "after_seq", lastSeen);
            JsonNode ack = late.awaitAck(ref);
            assertThat(ack.path("has_more").asBoolean()).isTrue(); // batch of 25 in tests

            // the writer's, among whatever else the shared app's other tests made meanwhile (a CI run saw two more)
            List<JsonNode> missed = resumeFully(late, lastSeen).stream()
                    .filter(frame -> author.username().equals(frame.path("message").path("author_id").asText()))
                    .toList();
            assertThat(missed).extracting(frame -> frame.path("message").path("message_id").asText())
                    .containsExactlyElementsOf(posted);
        }
    }

    @Test
    void shouldNumberChangesStrictlyInCommitOrderUnderConcurrentWriters() {
        String readerToken = Accounts.member("reader").token();
        long lastSeen;
        try (ChatClient reader = ChatClient.connect(base, readerToken)) {
            lastSeen = reader.awaitType("ready").path("last_seq").asLong();
        }
        List<ChatClient> writers = new ArrayList<>();
        Set<String> posted = new HashSet<>();
        Set<String> authors = new HashSet<>();
        try {
            for (int w = 0; w < 4; w++) {
                Accounts.SignedIn writer = Accounts.member("w" + w);
                authors.add(writer.username());
                writers.add(ChatClient.connect(base, writer.token()));
            }
            List<CompletableFuture<List<String>>> sending = writers.stream()
                    .map(writer -> CompletableFuture.supplyAsync(() -> {
                        List<String> refs = new ArrayList<>();
                        for (int i = 0; i < 25; i++) {
                            refs.add(writer.send("message.send", "channel", "general", "content", "burst " + i));
                        }
                        return refs.stream()
                                .map(ref -> writer.awaitAck(ref).path("message").path("message_id").asText())
                                .toList();
                    }))
                    .toList();
            sending.forEach(future -> posted.addAll(future.join()));
        } finally {
            writers.forEach(ChatClient::close);
        }
        try (ChatClient reader = ChatClient.connect(base, readerToken)) {
            // the writers' changes, all made before this reader connected, so all replayed: a live
            // frame of the shared app's other tests may come between them (resume holds no live frame back)
            List<JsonNode> missed = resumeFully(reader, lastSeen).stream()
                    .filter(frame -> authors.contains(frame.path("message").path("author_id").asText()))
                    .toList();
            assertStrictlyIncreasing(missed);
            assertThat(missed).extracting(frame -> frame.path("message").path("message_id").asText())
                    .containsExactlyInAnyOrderElementsOf(posted);
        }
    }

    /** Resumes until the server says nothing more is missing; returns the replayed change frames. */
    static List<JsonNode> resumeFully(ChatClient client, long afterSeq) {
        long cursor = afterSeq;
        int seen = client.frames().size();
        while (true) {
            JsonNode ack = client.awaitAck(client.send("resume", "after_seq", cursor));
            cursor = ack.path("last_seq").asLong();
            if (!ack.path("has_more").asBoolean()) {
                break;
            }
        }
        long from = afterSeq;
        return client.frames().subList(seen, client.frames().size()).stream()
                .filter(frame -> frame.has("seq") && frame.path("seq").asLong() > from)
                .toList();
    }

    private static void assertStrictlyIncreasing(List<JsonNode> frames) {
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).path("seq").asLong()).isGreaterThan(frames.get(i - 1).path("seq").asLong());
        }
    }

    private static String describe(JsonNode frame) {
        String type = frame.path("type").asText();
        String id = frame.has("message") ? frame.path("message").path("message_id").asText()
                : frame.path("message_id").asText();
        return type + ":" + id;
    }
}
