package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad frame gets an error with its ref, stores nothing and leaves the connection open. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadInputTest {

    @TestHTTPResource("/")
    URI base;

    private String channel;
    private String token;

    @BeforeEach
    void freshChannel() {
        channel = Channels.create("bad");
        token = Accounts.member("fuzzer").token();
    }

    @Test
    void malformedJsonIsABadRequest() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            client.sendRaw("{\"type\": \"message.send\", \"channel\": ");
            JsonNode error = client.awaitType("error");
            assertThat(error.path("code").asText()).isEqualTo("bad_request");
            assertThat(error.path("message").asText()).contains("malformed JSON");
            client.sendRaw("[1,2,3]");
            client.awaitFrame(frame -> frame.path("message").asText().contains("JSON object"));
            assertStillServingAndNothingStored(client);
        }
    }

    @Test
    void unknownFrameTypeIsABadRequestWithItsRef() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            JsonNode error = client.awaitError(client.send("message.explode", "channel", channel));
            assertThat(error.path("code").asText()).isEqualTo("bad_request");
            assertThat(error.path("message").asText()).contains("unknown frame type");
            assertStillServingAndNothingStored(client);
        }
    }

    @Test
    void missingOrMistypedFieldsAreBadRequests() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            JsonNode noContent = client.awaitError(client.send("message.send", "channel", channel));
            assertThat(noContent.path("message").asText()).isEqualTo("missing field: content");
            JsonNode noChannel = client.awaitError(client.send("message.send", "content", "hi"));
            assertThat(noChannel.path("message").asText()).isEqualTo("missing field: channel");
            JsonNode wrongType = client.awaitError(client.send("message.send", "channel", 42, "content", "hi"));
            assertThat(wrongType.path("code").asText()).isEqualTo("bad_request");
            JsonNode badId = client.awaitError(client.send("message.edit", "message_id", "not-a-uuid", "content", "x"));
            assertThat(badId.path("code").asText()).isEqualTo("bad_request");
            JsonNode blank = client.awaitError(client.send("message.send", "channel", channel, "content", "   "));
            assertThat(blank.path("code").asText()).isEqualTo("bad_request");
            assertStillServingAndNothingStored(client);
        }
    }

    @Test
    void contentOverFortyThousandCharactersIsTooLarge() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            JsonNode error = client.awaitError(client.send("message.send", "channel", channel,
                    "content", "x".repeat(40_001)));
            assertThat(error.path("code").asText()).isEqualTo("too_large");
            client.awaitAck(client.send("message.send", "channel", channel, "content", "y".repeat(40_000)));
            assertThat(historyOf(client)).hasSize(1);
        }
    }

    @Test
    void frameOverSixtyFourKibibytesIsTooLargeWithItsRef() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            String frame = "{\"type\":\"message.send\",\"ref\":\"big-one\",\"channel\":\"" + channel
                    + "\",\"content\":\"small\",\"padding\":\"" + "p".repeat(70_000) + "\"}";
            client.sendRaw(frame);
            JsonNode error = client.awaitError("big-one");
            assertThat(error.path("code").asText()).isEqualTo("too_large");
            assertStillServingAndNothingStored(client);
        }
    }

    @Test
    void frameOverOneMebibyteClosesTheConnection() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            try {
                client.sendRaw("{\"type\":\"typing\",\"padding\":\"" + "p".repeat(1_100_000) + "\"}");
            } catch (RuntimeException sendFailedBecauseTheServerClosed) {
                // the server may close while the frame is still being written
            }
            await().atMost(ChatClient.WAIT).until(() -> client.closed().isDone());
        }
        try (ChatClient client = ChatClient.connect(base, token)) {
            assertStillServingAndNothingStored(client);
        }
    }

    @Test
    void unknownChannelIsNotFound() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            JsonNode send = client.awaitError(client.send("message.send", "channel", "no-such-channel", "content", "hi"));
            assertThat(send.path("code").asText()).isEqualTo("not_found");
            JsonNode history = client.awaitError(client.send("history", "channel", "no-such-channel"));
            assertThat(history.path("code").asText()).isEqualTo("not_found");
            JsonNode invalid = client.awaitError(client.send("message.send", "channel", "../Etc", "content", "hi"));
            assertThat(invalid.path("code").asText()).isEqualTo("bad_request");
            assertStillServingAndNothingStored(client);
        }
    }

    @Test
    void historyLimitOverTwoHundredIsABadRequest() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            JsonNode error = client.awaitError(client.send("history", "channel", channel, "limit", 201));
            assertThat(error.path("code").asText()).isEqualTo("bad_request");
            JsonNode negative = client.awaitError(client.send("history", "channel", channel, "before_seq", -1));
            assertThat(negative.path("code").asText()).isEqualTo("bad_request");
            client.awaitAck(client.send("history", "channel", channel, "limit", 200));
        }
    }

    @Test
    void editingOrReactingToAMissingMessageIsNotFound() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            String missing = java.util.UUID.randomUUID().toString();
            assertThat(client.awaitError(client.send("message.edit", "message_id", missing, "content", "x"))
                    .path("code").asText()).isEqualTo("not_found");
            assertThat(client.awaitError(client.send("reaction.add", "message_id", missing, "reaction", "👍"))
                    .path("code").asText()).isEqualTo("not_found");
            assertStillServingAndNothingStored(client);
        }
    }

    @Test
    void aSustainedFloodIsRateLimitedAndTheConnectionRecovers() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            List<String> refs = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                refs.add(client.send("typing", "channel", channel));
            }
            JsonNode limited = client.awaitFrame(frame -> "rate_limited".equals(frame.path("code").asText()));
            assertThat(refs).contains(limited.path("ref").asText());
            refs.forEach(client::awaitAnswer); // every frame was answered, one way or the other

            AtomicReference<JsonNode> answer = new AtomicReference<>();
            await().atMost(ChatClient.WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                answer.set(client.awaitAnswer(client.send("history", "channel", channel)));
                return "history".equals(answer.get().path("type").asText());
            });
            assertThat(client.isOpen()).isTrue();
        }
    }

    private void assertStillServingAndNothingStored(ChatClient client) {
        assertThat(client.isOpen()).isTrue();
        assertThat(historyOf(client)).isEmpty();
    }

    private List<String> historyOf(ChatClient client) {
        return client.awaitAck(client.send("history", "channel", channel)).path("messages").findValuesAsText("message_id");
    }
}
