package dev.workflowchat.chat.websocket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PinTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void shouldPinAndUnpinForEveryoneWithASeqEachAndListThePins() {
        SignedIn quinn = Accounts.member("quinn");
        SignedIn rae = Accounts.member("rae");
        String channel = Channels.create("pins");
        try (ChatClient author = ChatClient.connect(base, quinn.token());
             ChatClient other = ChatClient.connect(base, rae.token())) {
            String first = author.post(channel, "first decision");
            String second = author.post(channel, "second decision");

            // anyone who sees the channel may pin, not only the author
            JsonNode ack = other.awaitAck(other.send("message.pin", "message_id", first));
            assertThat(ack.path("message").path("pinned_by").asText()).isEqualTo(rae.username());
            assertThat(ack.path("message").path("pinned_at").asText()).isNotBlank();
            JsonNode pinned = author.awaitFrame(frame("message.pinned", first));
            assertThat(pinned.path("seq").asLong()).isGreaterThan(0);
            assertThat(pinned.path("message").path("pinned_by").asText()).isEqualTo(rae.username());

            // pinning again changes nothing: an ack with the message, no frame, no seq
            JsonNode again = other.awaitAck(other.send("message.pin", "message_id", first));
            assertThat(again.path("message").path("pinned_at").asText())
                    .isEqualTo(ack.path("message").path("pinned_at").asText());

            author.awaitAck(author.send("message.pin", "message_id", second));
            author.awaitFrame(frame("message.pinned", second));
            List<String> pins = given().auth().oauth2(rae.token()).get("/api/channels/{name}/pins", channel)
                    .then().statusCode(200).extract().jsonPath().getList("message_id");
            assertThat(pins).containsExactly(second, first);

            JsonNode unpinAck = author.awaitAck(author.send("message.unpin", "message_id", first));
            assertThat(unpinAck.path("message").path("pinned_at").isNull()).isTrue();
            JsonNode unpinned = other.awaitFrame(frame("message.unpinned", first));
            assertThat(unpinned.path("seq").asLong()).isGreaterThan(pinned.path("seq").asLong());
            author.awaitAck(author.send("message.unpin", "message_id", first));

            author.awaitAck(author.send("message.send", "channel", channel, "content", "marker"));
            author.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && "marker".equals(frame.path("message").path("content").asText()));
            assertThat(author.frames().stream().filter(frame("message.pinned", first))).hasSize(1);
            assertThat(author.frames().stream().filter(frame("message.unpinned", first))).hasSize(1);

            JsonPath listed = given().auth().oauth2(rae.token()).get("/api/channels/{name}/pins", channel)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(listed.getList("message_id")).containsExactly(second);
            assertThat(listed.getString("[0].pinned_by")).isEqualTo(quinn.username());
        }
    }

    @Test
    void shouldAnnounceOnRedisAndReplayPinsOnResume() {
        String token = Accounts.member("sam").token();
        String channel = Channels.create("pinresume");
        long cursor;
        String messageId;
        try (ChatClient client = ChatClient.connect(base, token)) {
            messageId = client.post(channel, "keep this");
            cursor = client.awaitFrame(ChatClient.created(messageId)).path("seq").asLong();
            client.awaitAck(client.send("message.pin", "message_id", messageId));
            client.awaitAck(client.send("message.unpin", "message_id", messageId));
        }
        try (ChatClient client = ChatClient.connect(base, token)) {
            client.awaitAck(client.send("resume", "after_seq", cursor));
            List<String> replayed = client.frames().stream()
                    .filter(frame -> messageId.equals(frame.path("message").path("message_id").asText()))
                    .map(frame -> frame.path("type").asText())
                    .toList();
            assertThat(replayed).containsExactly("message.pinned", "message.unpinned");
        }
        await().atMost(ChatClient.WAIT).until(() -> outEventTypes(messageId)
                .containsAll(List.of("message.pinned", "message.unpinned")));
    }

    @Test
    void shouldRefuseToPinDeletedUnknownOrMalformedMessages() {
        String token = Accounts.member("tia").token();
        String channel = Channels.create("pinbad");
        try (ChatClient client = ChatClient.connect(base, token)) {
            String gone = client.post(channel, "soon gone");
            client.awaitAck(client.send("message.delete", "message_id", gone));
            assertThat(client.awaitError(client.send("message.pin", "message_id", gone)).path("code").asText())
                    .isEqualTo("bad_request");
            assertThat(client.awaitError(client.send("message.pin", "message_id", UUID.randomUUID().toString()))
                    .path("code").asText()).isEqualTo("not_found");
            assertThat(client.awaitError(client.send("message.unpin", "message_id", "nope")).path("code").asText())
                    .isEqualTo("bad_request");
            assertThat(client.awaitError(client.send("message.pin")).path("code").asText()).isEqualTo("bad_request");
        }
        given().auth().oauth2(token).get("/api/channels/{name}/pins", channel).then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(token).get("/api/channels/nowhere/pins").then().statusCode(404);
        given().get("/api/channels/{name}/pins", channel).then().statusCode(401);
    }

    private List<String> outEventTypes(String messageId) {
        return redis.stream(String.class).xrange(names.outStream(), StreamRange.of("-", "+")).stream()
                .map(entry -> readTree(entry.payload().get("event")))
                .filter(event -> messageId.equals(event.path("data").path("message_id").asText()))
                .map(event -> event.path("type").asText())
                .toList();
    }

    private static JsonNode readTree(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Predicate<JsonNode> frame(String type, String messageId) {
        return frame -> type.equals(frame.path("type").asText())
                && messageId.equals(frame.path("message").path("message_id").asText());
    }
}
