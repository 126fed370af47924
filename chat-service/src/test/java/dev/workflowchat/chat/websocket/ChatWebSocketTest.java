package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChatWebSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void shouldDeliverEachMessageOnceToBothUsersAndAckTheSenderWithItsRef() {
        SignedIn alice = Accounts.member("alice");
        SignedIn bob = Accounts.member("bob");
        try (ChatClient aliceClient = ChatClient.connect(base, alice.token());
             ChatClient bobClient = ChatClient.connect(base, bob.token())) {
            String content = "hello bob " + UUID.randomUUID();
            String ref = aliceClient.send("message.send", "channel", "general", "content", content);

            JsonNode ack = aliceClient.awaitAck(ref);
            assertThat(ack.path("message").path("content").asText()).isEqualTo(content);
            assertThat(ack.path("message").path("author_id").asText()).isEqualTo(alice.username());
            String messageId = ack.path("message").path("message_id").asText();

            JsonNode seenByBob = bobClient.awaitFrame(ChatClient.created(messageId));
            assertThat(seenByBob.path("seq").asLong()).isEqualTo(ack.path("message").path("seq").asLong());
            assertThat(seenByBob.path("message").path("author_name").asText()).isEqualTo("User " + alice.username());
            aliceClient.awaitFrame(ChatClient.created(messageId));

            String reply = bobClient.send("message.send", "channel", "general", "content", "hi alice");
            String replyId = bobClient.awaitAck(reply).path("message").path("message_id").asText();
            aliceClient.awaitFrame(ChatClient.created(replyId));

            // everything has arrived once the reply has; nothing may come twice
            assertThat(bobClient.frames().stream().filter(ChatClient.created(messageId))).hasSize(1);
            assertThat(aliceClient.frames().stream().filter(ChatClient.created(messageId))).hasSize(1);
            assertThat(aliceClient.frames().stream().filter(ChatClient.created(replyId))).hasSize(1);
        }
    }

    @Test
    void shouldAnswerAConnectionsFramesOneAfterAnotherInTheOrderSent() {
        SignedIn alice = Accounts.member("alice");
        try (ChatClient client = ChatClient.connect(base, alice.token())) {
            // sent without waiting: a stored message (a database round trip), a typing frame (none) and a
            // frame of no known type (answered at once) in turn; each is answered before the next is looked at
            List<String> refs = new ArrayList<>();
            List<String> sendRefs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String send = client.send("message.send", "channel", "general", "content", "in order " + i);
                sendRefs.add(send);
                refs.add(send);
                refs.add(client.send("typing", "channel", "general"));
                String unknown = "unknown-" + i + "-" + UUID.randomUUID();
                client.sendRaw("{\"type\":\"no.such.frame\",\"ref\":\"" + unknown + "\"}");
                refs.add(unknown);
            }
            client.awaitAnswer(refs.get(refs.size() - 1));

            List<JsonNode> frames = client.frames();
            assertThat(frames.get(0).path("type").asText()).isEqualTo("ready");
            List<String> answered = frames.stream().map(frame -> frame.path("ref").asText())
                    .filter(refs::contains).toList();
            assertThat(answered).containsExactlyElementsOf(refs);
            // and stored in the order sent
            List<Long> seqs = sendRefs.stream().map(ref -> client.awaitAck(ref).path("message").path("seq").asLong()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldCarryEditsDeletesAndReactionsToTheOtherClient() {
        SignedIn alice = Accounts.member("alice");
        SignedIn bob = Accounts.member("bob");
        try (ChatClient aliceClient = ChatClient.connect(base, alice.token());
             ChatClient bobClient = ChatClient.connect(base, bob.token())) {
            String messageId = aliceClient.post("general", "first draft");

            JsonNode edited = aliceClient.awaitAck(aliceClient.send("message.edit", "message_id", messageId,
                    "content", "final text"));
            assertThat(edited.path("message").path("edited_at").isNull()).isFalse();
            JsonNode editSeen = bobClient.awaitFrame(frame -> "message.edited".equals(frame.path("type").asText())
                    && messageId.equals(frame.path("message").path("message_id").asText()));
            assertThat(editSeen.path("message").path("content").asText()).isEqualTo("final text");

            bobClient.awaitAck(bobClient.send("reaction.add", "message_id", messageId, "reaction", "👍"));
            JsonNode reactionSeen = aliceClient.awaitFrame(frame -> "reaction.updated".equals(frame.path("type").asText())
                    && messageId.equals(frame.path("message_id").asText()));
            assertThat(reactionSeen.path("reactions").path("👍").get(0).asText()).isEqualTo(bob.username());

            bobClient.awaitAck(bobClient.send("reaction.remove", "message_id", messageId, "reaction", "👍"));
            aliceClient.awaitFrame(frame -> "reaction.updated".equals(frame.path("type").asText())
                    && messageId.equals(frame.path("message_id").asText())
                    && frame.path("reactions").isEmpty());

            aliceClient.awaitAck(aliceClient.send("message.delete", "message_id", messageId));
            JsonNode deleteSeen = bobClient.awaitFrame(frame -> "message.deleted".equals(frame.path("type").asText())
                    && messageId.equals(frame.path("message_id").asText()));
            assertThat(deleteSeen.path("channel").asText()).isEqualTo("general");
            assertThat(deleteSeen.path("seq").asLong()).isGreaterThan(editSeen.path("seq").asLong());
        }
    }

    @Test
    void memberCannotEditOrDeleteAnothersMessageButAdminMayDelete() {
        SignedIn alice = Accounts.member("alice");
        SignedIn mallory = Accounts.member("mallory");
        try (ChatClient aliceClient = ChatClient.connect(base, alice.token());
             ChatClient malloryClient = ChatClient.connect(base, mallory.token());
             ChatClient adminClient = ChatClient.connect(base, Accounts.admin().token())) {
            String messageId = aliceClient.post("general", "mine");

            JsonNode editError = malloryClient.awaitError(malloryClient.send("message.edit",
                    "message_id", messageId, "content", "defaced"));
            assertThat(editError.path("code").asText()).isEqualTo("forbidden");
            JsonNode deleteError = malloryClient.awaitError(malloryClient.send("message.delete", "message_id", messageId));
            assertThat(deleteError.path("code").asText()).isEqualTo("forbidden");
            assertThat(aliceClient.framesOfType("message.edited")).isEmpty();

            adminClient.awaitAck(adminClient.send("message.delete", "message_id", messageId));
            aliceClient.awaitFrame(frame -> "message.deleted".equals(frame.path("type").asText())
                    && messageId.equals(frame.path("message_id").asText()));
        }
    }

    @Test
    void shouldRefuseAnUpgradeWithoutAValidSession() {
        assertThatThrownBy(() -> ChatClient.connect(base, Map.of()))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(failure -> assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode())
                        .isEqualTo(401));
        assertThatThrownBy(() -> ChatClient.connect(base, Map.of("Authorization", "Bearer not-a-session")))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(failure -> assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode())
                        .isEqualTo(401));
    }

    @Test
    void shouldRefuseABrowserPageFromAForeignOrigin() {
        String token = Accounts.member("origin").token();
        assertThatThrownBy(() -> ChatClient.connect(base,
                Map.of("Authorization", "Bearer " + token, "Origin", "https://evil.example")))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(failure -> assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode())
                        .isEqualTo(403));

        String ownOrigin = "http://" + base.getHost() + ":" + base.getPort();
        try (ChatClient client = ChatClient.connect(base, Map.of("Authorization", "Bearer " + token, "Origin", ownOrigin))) {
            assertThat(client.awaitType("ready").path("user").path("username").asText()).startsWith("origin");
        }
    }

    @Test
    void shouldStartWithReadyAndCountUnreadUntilRead() {
        SignedIn alice = Accounts.member("alice");
        SignedIn carol = Accounts.member("carol");
        String channel = "workflow";
        long unreadBefore;
        try (ChatClient carolClient = ChatClient.connect(base, carol.token())) {
            JsonNode ready = carolClient.awaitType("ready");
            assertThat(ready.path("user").path("username").asText()).isEqualTo(carol.username());
            assertThat(ready.path("channels").findValuesAsText("name")).contains("general", "workflow", "agents", "errors");
            assertThat(ready.path("last_seq").isNumber()).isTrue();
            unreadBefore = unread(ready, channel);
        }
        long lastSeq;
        try (ChatClient aliceClient = ChatClient.connect(base, alice.token())) {
            aliceClient.post(channel, "one");
            String id = aliceClient.post(channel, "two");
            lastSeq = aliceClient.awaitFrame(ChatClient.created(id)).path("seq").asLong();
        }
        try (ChatClient carolClient = ChatClient.connect(base, carol.token())) {
            assertThat(unread(carolClient.awaitType("ready"), channel)).isEqualTo(unreadBefore + 2);
            carolClient.awaitAck(carolClient.send("read", "channel", channel, "seq", lastSeq));
        }
        try (ChatClient carolClient = ChatClient.connect(base, carol.token())) {
            assertThat(unread(carolClient.awaitType("ready"), channel)).isZero();
        }
    }

    @Test
    void shouldTellOthersWhoIsTyping() {
        SignedIn alice = Accounts.member("alice");
        SignedIn bob = Accounts.member("bob");
        try (ChatClient aliceClient = ChatClient.connect(base, alice.token());
             ChatClient bobClient = ChatClient.connect(base, bob.token())) {
            aliceClient.awaitAck(aliceClient.send("typing", "channel", "general"));
            JsonNode typing = bobClient.awaitFrame(frame -> "typing".equals(frame.path("type").asText())
                    && frame.path("users").toString().contains(alice.username()));
            assertThat(typing.path("channel").asText()).isEqualTo("general");

            aliceClient.post("general", "done typing");
            bobClient.awaitFrame(frame -> "typing".equals(frame.path("type").asText())
                    && !frame.path("users").toString().contains(alice.username()));
        }
    }

    @Test
    void shouldOpenAPersonsOwnDmChannelWithAnAgentOnFirstUse() {
        Accounts.SignedIn person = Accounts.member("dm");
        String own = "dm:data:" + person.username();
        try (ChatClient client = ChatClient.connect(base, person.token())) {
            // dm:<agent> is the person's own DM with that agent
            String id = client.post("dm:data", "@data status?");
            assertThat(client.awaitFrame(ChatClient.created(id)).path("message").path("channel").asText()).isEqualTo(own);
        }
        try (ChatClient client = ChatClient.connect(base, person.token())) {
            List<String> names = client.awaitType("ready").path("channels").findValuesAsText("name");
            assertThat(names).contains(own).doesNotContain("dm:data");
        }
    }

    @Test
    void shouldKeepRepliesInTheirThread() {
        try (ChatClient client = ChatClient.connect(base, Accounts.member("thread").token())) {
            String root = client.post("general", "root");
            String reply = client.send("message.send", "channel", "general", "content", "in thread", "thread_id", root);
            String replyId = client.awaitAck(reply).path("message").path("message_id").asText();
            String nested = client.send("message.send", "channel", "general", "content", "nested",
                    "thread_id", replyId, "reply_to", replyId);
            JsonNode nestedMessage = client.awaitAck(nested).path("message");
            assertThat(nestedMessage.path("thread_id").asText()).isEqualTo(root);
            assertThat(nestedMessage.path("reply_to").asText()).isEqualTo(replyId);

            JsonNode wrongChannel = client.awaitError(client.send("message.send", "channel", "errors",
                    "content", "x", "thread_id", root));
            assertThat(wrongChannel.path("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void shouldCloseTheSocketsOfASessionAtLogout() {
        SignedIn dave = Accounts.member("dave");
        try (ChatClient client = ChatClient.connect(base, dave.token())) {
            io.restassured.RestAssured.given().auth().oauth2(dave.token()).post("/api/auth/logout")
                    .then().statusCode(204);
            await().atMost(ChatClient.WAIT).until(() -> client.closed().isDone());
        }
    }

    private static long unread(JsonNode ready, String channel) {
        for (JsonNode entry : ready.path("channels")) {
            if (channel.equals(entry.path("name").asText())) {
                return entry.path("unread").asLong();
            }
        }
        throw new AssertionError("no channel " + channel + " in " + ready);
    }
}
