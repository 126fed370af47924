package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.Limits;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The probe put 1,000 different reactions on one message, and every 👍 after that was a 77 KB
 * frame to every client. A message holds at most 20 different reactions, and a client that asks
 * for deltas gets each change alone.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReactionsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aMessageTakesAtMostTwentyDifferentReactionsButAnyoneMayAddToThem() {
        try (ChatClient mallory = ChatClient.connect(base, Accounts.member("mallory").token());
             ChatClient fan = ChatClient.connect(base, Accounts.member("fan").token())) {
            String message = mallory.post("general", "react to me");
            for (int i = 0; i < Limits.MAX_DISTINCT_REACTIONS; i++) {
                mallory.awaitAck(mallory.send("reaction.add", "message_id", message, "reaction", ":r" + i + ":"));
            }
            JsonNode refused = mallory.awaitError(mallory.send("reaction.add", "message_id", message, "reaction", ":one-more:"));
            assertThat(refused.path("code").asText()).isEqualTo("bad_request");
            assertThat(refused.path("message").asText()).contains("at most 20 different reactions");
            // one already there may be given by anyone
            fan.awaitAck(fan.send("reaction.add", "message_id", message, "reaction", ":r0:"));
            JsonNode history = fan.awaitAck(fan.send("history", "channel", "general", "limit", 5));
            JsonNode reactions = null;
            for (JsonNode shown : history.path("messages")) {
                if (shown.path("message_id").asText().equals(message)) {
                    reactions = shown.path("reactions");
                }
            }
            assertThat(reactions).isNotNull();
            assertThat(reactions.size()).isEqualTo(Limits.MAX_DISTINCT_REACTIONS);
            assertThat(reactions.path(":r0:").size()).isEqualTo(2);
        }
    }

    @Test
    void aClientThatAsksForDeltasGetsEachChangeAloneOthersTheWholeMap() {
        String token = Accounts.member("delta").token();
        try (ChatClient deltas = ChatClient.connectWithFeatures(base, token, "reaction_deltas,unknown_feature");
             ChatClient plain = ChatClient.connect(base, Accounts.member("plain").token());
             ChatClient reacting = ChatClient.connect(base, Accounts.member("reacting").token())) {
            String message = reacting.post("general", "deltas please");
            reacting.awaitAck(reacting.send("reaction.add", "message_id", message, "reaction", "🎉"));
            JsonNode added = deltas.awaitFrame(frame -> "reaction.added".equals(frame.path("type").asText())
                    && message.equals(frame.path("message_id").asText()));
            assertThat(added.path("reaction").asText()).isEqualTo("🎉");
            assertThat(added.path("user_id").asText()).startsWith("reacting");
            assertThat(added.path("channel").asText()).isEqualTo("general");
            assertThat(added.path("seq").asLong()).isPositive();
            assertThat(added.has("reactions")).isFalse();
            JsonNode whole = plain.awaitFrame(frame -> "reaction.updated".equals(frame.path("type").asText())
                    && message.equals(frame.path("message_id").asText()));
            assertThat(whole.path("reactions").path("🎉").size()).isEqualTo(1);
            assertThat(whole.path("seq").asLong()).isEqualTo(added.path("seq").asLong());

            reacting.awaitAck(reacting.send("reaction.remove", "message_id", message, "reaction", "🎉"));
            JsonNode removed = deltas.awaitFrame(frame -> "reaction.removed".equals(frame.path("type").asText())
                    && message.equals(frame.path("message_id").asText()));
            assertThat(removed.path("reaction").asText()).isEqualTo("🎉");
            assertThat(deltas.framesOfType("reaction.updated")).noneMatch(frame -> message.equals(frame.path("message_id").asText()));
        }
    }
}
