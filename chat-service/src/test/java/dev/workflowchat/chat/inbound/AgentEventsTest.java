package dev.workflowchat.chat.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventFixtures;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents attach with nothing but Redis: what they publish reaches people, and what concerns them reaches them. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AgentEventsTest {

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
        channel = Channels.create("agents-test");
        token = Accounts.member("watcher").token();
    }

    @Test
    void aPublishedAgentMessageReachesClientsAndHistoryOnce() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            String id = Agent.newId();
            agent.publish(Agent.message(id, "code", channel, "Build green via pub/sub"));

            JsonNode created = client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && channel.equals(frame.path("message").path("channel").asText()));
            assertThat(created.path("message").path("author_type").asText()).isEqualTo("agent");
            assertThat(created.path("message").path("author_id").asText()).isEqualTo("code");
            assertThat(created.path("message").path("source").asText()).isEqualTo("agent");
            assertThat(contentsOf(client)).containsExactly("Build green via pub/sub");
        }
    }

    @Test
    void aStreamedAgentMessageReachesClientsAndHistoryOnce() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            agent.add(Agent.message(Agent.newId(), "qa", channel, "Tests written via stream"));
            client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && channel.equals(frame.path("message").path("channel").asText()));
            assertThat(contentsOf(client)).containsExactly("Tests written via stream");
        }
    }

    @Test
    void theSameIdOnBothPathsAndTwiceOnEachHasItsEffectOnce() {
        String id = Agent.newId();
        String payload = Agent.message(id, "code", channel, "only once");
        agent.publish(payload);
        agent.add(payload);
        agent.publish(payload);
        agent.add(payload);
        // The stream is read in order: once this later entry is in, the duplicates before it were handled.
        agent.add(Agent.message(Agent.newId(), "code", channel, "marker"));
        try (ChatClient client = ChatClient.connect(base, token)) {
            await().atMost(ChatClient.WAIT).until(() -> contentsOf(client).contains("marker"));
            assertThat(contentsOf(client)).containsExactly("only once", "marker");
        }
    }

    @Test
    void garbageIsDeadLetteredWithItsReasonAndValidTrafficGoesOn() {
        long before = deadLetters().size();
        List<EventFixtures.Fixture> invalid = EventFixtures.invalid();
        invalid.forEach(fixture -> agent.add(fixture.raw()));
        agent.publish("this is not json at all " + Instant.now());
        agent.add(Agent.message(Agent.newId(), "code", "no-such-channel-anywhere", "lost?"));
        redis.stream(String.class).xadd(names.inStream(), java.util.Map.of("wrong_field", "x"));
        agent.add(Agent.message(Agent.newId(), "code", channel, "still flowing"));

        try (ChatClient client = ChatClient.connect(base, token)) {
            await().atMost(ChatClient.WAIT).until(() -> contentsOf(client).contains("still flowing"));
            assertThat(contentsOf(client)).containsExactly("still flowing");
        }
        int expected = invalid.size() + 3;
        await().atMost(ChatClient.WAIT).until(() -> deadLetters().size() >= before + expected);
        List<StreamMessage<String, String, String>> letters = deadLetters();
        List<String> reasons = letters.subList((int) before, letters.size()).stream()
                .map(entry -> entry.payload().get("reason")).toList();
        for (EventFixtures.Fixture fixture : invalid) {
            assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains(fixture.reason()));
        }
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("not JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("not_found"))
                .anySatisfy(reason -> assertThat(reason).contains("has no 'event' field"));
        assertThat(letters.get(letters.size() - 1).payload()).containsKeys("reason", "origin", "id", "at", "event");
    }

    @Test
    void everyChangeGoesOutOnTheOutStreamWithItsSeq() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            String id = client.post(channel, "announce me");
            client.awaitAck(client.send("message.edit", "message_id", id, "content", "announced"));
            client.awaitAck(client.send("reaction.add", "message_id", id, "reaction", "✅"));
            client.awaitAck(client.send("message.delete", "message_id", id));
            client.awaitFrame(frame -> "message.deleted".equals(frame.path("type").asText())
                    && id.equals(frame.path("message_id").asText()));
        }
        List<JsonNode> out = redis.stream(String.class).xrange(names.outStream(), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .stream().map(entry -> read(entry.payload().get("event")))
                .filter(event -> channel.equals(event.path("data").path("channel").asText()))
                .toList();
        assertThat(out).extracting(event -> event.path("type").asText())
                .containsExactly("message.created", "message.edited", "reaction.added", "message.deleted");
        assertThat(out).allSatisfy(event -> {
            assertThat(event.path("v").asInt()).isEqualTo(1);
            assertThat(event.path("source").asText()).isEqualTo("chat-service");
            assertThat(event.path("seq").asLong()).isPositive();
        });
        assertThat(out.get(2).path("data").path("reaction").asText()).isEqualTo("✅");
    }

    @Test
    void aDmOrAMentionReachesTheAgentsOwnStream() {
        try (ChatClient client = ChatClient.connect(base, token)) {
            client.post("dm:code", "please look at the login bug");
            client.post(channel, "@qa can you verify? (not for @nobody-known)");
        }
        await().atMost(ChatClient.WAIT).until(() -> directsTo("code").stream()
                .anyMatch(event -> event.path("data").path("message").path("content").asText().contains("login bug")));
        await().atMost(ChatClient.WAIT).until(() -> directsTo("qa").stream()
                .anyMatch(event -> event.path("data").path("message").path("content").asText().contains("can you verify")));
        JsonNode direct = directsTo("qa").get(directsTo("qa").size() - 1);
        assertThat(direct.path("type").asText()).isEqualTo("agent.direct");
        assertThat(direct.path("data").path("agent").asText()).isEqualTo("qa");
        assertThat(redis.key().exists(names.agentStream("nobody-known"))).isFalse();
    }

    @Test
    void anAgentsStatusIsItsPresenceUntilItFallsSilent() {
        String name = "probe" + System.nanoTime() % 100000;
        try (ChatClient client = ChatClient.connect(base, token)) {
            agent.publish(Agent.status(Agent.newId(), name, "busy", "writing tests", Instant.now().toString()));
            JsonNode presence = client.awaitFrame(frame -> "presence".equals(frame.path("type").asText())
                    && name.equals(frame.path("agents").path(0).path("agent").asText()));
            assertThat(presence.path("agents").path(0).path("status").asText()).isEqualTo("busy");
            assertThat(presence.path("agents").path(0).path("task").asText()).isEqualTo("writing tests");

            // a late status, older than the one recorded, changes nothing
            agent.add(Agent.status(Agent.newId(), name, "idle", "old news", Instant.now().minusSeconds(60).toString()));
            // silence: after the configured 3 s the agent is offline
            JsonNode offline = client.awaitFrame(frame -> "presence".equals(frame.path("type").asText())
                    && name.equals(frame.path("agents").path(0).path("agent").asText())
                    && "offline".equals(frame.path("agents").path(0).path("status").asText()));
            assertThat(offline).isNotNull();
            assertThat(client.frames()).noneMatch(frame -> frame.toString().contains("old news"));
        }
        try (ChatClient client = ChatClient.connect(base, token)) {
            JsonNode ready = client.awaitType("ready");
            assertThat(ready.path("presence").path("agents").findValuesAsText("agent")).contains(name);
        }
    }

    @Test
    void aStatusSaysSinceWhenItHoldsAndARestatedOneKeepsThatTime() {
        String name = "since" + System.nanoTime() % 100000;
        Instant began = Instant.parse("2026-12-01T10:00:00Z");
        try (ChatClient client = ChatClient.connect(base, token)) {
            agent.add(Agent.status(Agent.newId(), name, "busy", "first task", began.toString()));
            assertThat(presenceOf(client, name, "first task").path("status_since").asText()).isEqualTo(began.toString());

            // the same status, another task, later: still busy since it began
            agent.add(Agent.status(Agent.newId(), name, "busy", "second task", began.plusSeconds(60).toString()));
            JsonNode restated = presenceOf(client, name, "second task");
            assertThat(restated.path("status_since").asText()).isEqualTo(began.toString());
            assertThat(Instant.parse(restated.path("last_seen_at").asText())).isAfter(began);

            // another status: since then
            Instant idle = began.plusSeconds(120);
            agent.add(Agent.status(Agent.newId(), name, "idle", "waiting", idle.toString()));
            assertThat(presenceOf(client, name, "waiting").path("status_since").asText()).isEqualTo(idle.toString());
        }
        try (ChatClient client = ChatClient.connect(base, token)) {
            JsonNode ready = client.awaitType("ready");
            JsonNode known = null;
            for (JsonNode presence : ready.path("presence").path("agents")) {
                known = name.equals(presence.path("agent").asText()) ? presence : known;
            }
            assertThat(known).isNotNull();
            assertThat(known.path("status_since").asText()).isEqualTo(began.plusSeconds(120).toString());
        }
    }

    private static JsonNode presenceOf(ChatClient client, String agentName, String task) {
        return client.awaitFrame(frame -> "presence".equals(frame.path("type").asText())
                && agentName.equals(frame.path("agents").path(0).path("agent").asText())
                && task.equals(frame.path("agents").path(0).path("task").asText())).path("agents").path(0);
    }

    private List<String> contentsOf(ChatClient client) {
        return client.awaitAck(client.send("history", "channel", channel)).path("messages").findValuesAsText("content");
    }

    private List<StreamMessage<String, String, String>> deadLetters() {
        return redis.stream(String.class).xrange(names.deadletter(), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
    }

    private List<JsonNode> directsTo(String agentName) {
        return redis.stream(String.class).xrange(names.agentStream(agentName), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .stream().map(entry -> read(entry.payload().get("event"))).toList();
    }

    private static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON on a stream: " + json, e);
        }
    }
}
