package dev.workflowchat.chat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Bridge;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Reactions made in Discord reach the web message once, as the Discord user's, and go again when removed there. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BridgeReactionsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void aDiscordReactionIsTheDiscordUsersOnceAndItsRemovalFollows() {
        Bridge bridge = new Bridge(redis, names);
        String channel = Channels.create("bridge-react");
        String externalId = Bridge.snowflake();
        try (ChatClient client = ChatClient.connect(base, Accounts.member("onlooker").token())) {
            bridge.add(Bridge.message(channel, externalId, "react to me"));
            String messageId = client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && externalId.equals(frame.path("message").path("external_id").asText()))
                    .path("message").path("message_id").asText();

            ObjectNode thumbs = Bridge.reaction(externalId, "👍", true);
            bridge.add(thumbs);
            bridge.add(thumbs);
            JsonNode added = client.awaitFrame(reactions(messageId, r -> r.has("👍")));
            assertThat(added.path("reactions").path("👍").get(0).asText()).isEqualTo("discord:555");

            bridge.add(Bridge.reaction(externalId, "👍", false));
            client.awaitFrame(reactions(messageId, r -> !r.has("👍")));
            assertThat(client.framesOfType("reaction.updated")).hasSize(2);
        }
    }

    @Test
    void aReactionOnAnUnknownMessageChangesNothingAndAMalformedOneIsDeadLettered() {
        Bridge bridge = new Bridge(redis, names);
        ObjectNode unknown = Bridge.reaction(Bridge.snowflake(), "👍", true);
        ObjectNode both = Bridge.reaction("1", "👍", true);
        ((ObjectNode) both.path("data")).put("message_id", "6f1c2a4e-8a55-4c3e-9a51-0d2b7d1e9c11");
        ObjectNode tooLong = Bridge.reaction("1", "x".repeat(65), true);
        ObjectNode impostor = Bridge.reaction("1", "👍", true).put("source", "agent:code");
        bridge.add(unknown);
        bridge.add(both);
        bridge.add(tooLong);
        bridge.add(impostor);
        assertThat(bridge.deadLetterOf(both)).contains("give one of message_id");
        assertThat(bridge.deadLetterOf(tooLong)).contains("reaction must be 1-64 characters");
        assertThat(bridge.deadLetterOf(impostor)).contains("must have source discord-bridge");
        // read in order: the unknown message's reaction was handled before these, and is no dead letter
        assertThat(redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+")))
                .noneMatch(entry -> unknown.path("id").asText().equals(entry.payload().get("id")));
    }

    private static Predicate<JsonNode> reactions(String messageId, Predicate<JsonNode> match) {
        return frame -> "reaction.updated".equals(frame.path("type").asText())
                && messageId.equals(frame.path("message_id").asText()) && match.test(frame.path("reactions"));
    }
}
