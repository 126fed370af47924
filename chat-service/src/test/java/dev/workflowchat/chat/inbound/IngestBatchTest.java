package dev.workflowchat.chat.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.History;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entries added to the in-stream at once are read together and their plain agent messages stored
 * in one transaction: each once, in stream order, with everything else among them applied in its
 * place and bad ones refused alone.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IngestBatchTest {

    private static final int BURST = 600;

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    private Agent agent;
    private String channel;
    private String token;

    @BeforeEach
    void setUp() {
        agent = new Agent(redis, names);
        channel = Channels.create("ingest-batch");
        token = Accounts.member("ingest-watcher").token();
    }

    @Test
    void aBurstIsStoredOnceInStreamOrderWithOthersInTheirPlaceAndBadOnesRefusedAlone() {
        String appliedBefore = Agent.newId();
        agent.publish(Agent.message(appliedBefore, "code", channel, "applied before"));
        await().atMost(ChatClient.WAIT).until(() -> History.contents(Accounts.inProcess(), token, channel)
                .contains("applied before"));
        long deadLettersBefore = deadLetters();

        List<String> burst = new ArrayList<>();
        List<String> expected = new ArrayList<>(List.of("applied before"));
        String repeated = null;
        for (int i = 0; i < BURST; i++) {
            String id = Agent.newId();
            burst.add(Agent.message(id, "code", channel, "burst " + i));
            expected.add("burst " + i);
            if (i == 10) {
                repeated = id;
            }
            if (i == 50) {
                burst.add(Agent.message(repeated, "code", channel, "burst 10 again"));
            }
            if (i == 100) {
                burst.add(Agent.message(Agent.newId(), "code", "no-such-channel-in-a-burst", "refused alone"));
                burst.add(Agent.message(appliedBefore, "code", channel, "applied before, again"));
            }
            if (i == 150) {
                burst.add(Agent.status(Agent.newId(), "code", "busy", "ingesting", java.time.Instant.now().toString()));
                burst.add(Agent.message(Agent.newId(), "code", channel, "in a thread").replace(
                        "\"channel\"", "\"thread_id\":\"" + java.util.UUID.randomUUID() + "\",\"channel\""));
            }
        }
        try (ChatClient client = ChatClient.connect(base, token)) {
            agent.addAtOnce(burst);
            await().atMost(ChatClient.WAIT).until(() -> createdIn(client).size() >= BURST);

            List<Map<String, Object>> history = History.of(Accounts.inProcess(), token, channel);
            assertThat(history).extracting(message -> (String) message.get("content")).containsExactlyElementsOf(expected);
            List<Long> seqs = history.stream().map(message -> ((Number) message.get("seq")).longValue()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            // clients get them in number order, each once
            List<Long> pushed = createdIn(client).stream().map(frame -> frame.path("seq").asLong()).toList();
            assertThat(pushed).isSorted().doesNotHaveDuplicates().hasSize(BURST);
        }
        await().atMost(ChatClient.WAIT).until(() -> deadLetters() >= deadLettersBefore + 2);
        List<String> reasons = redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+")).stream()
                .skip(deadLettersBefore).map(entry -> entry.payload().get("reason")).toList();
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("not_found").contains("no-such-channel"))
                .anySatisfy(reason -> assertThat(reason).contains("not_found")); // the unknown thread
    }


    private List<JsonNode> createdIn(ChatClient client) {
        return client.frames().stream().filter(frame -> "message.created".equals(frame.path("type").asText())
                && channel.equals(frame.path("message").path("channel").asText())).toList();
    }

    private long deadLetters() {
        return redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+")).size();
    }
}
