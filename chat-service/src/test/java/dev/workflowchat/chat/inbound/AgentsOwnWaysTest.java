package dev.workflowchat.chat.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.inbound.InboundStreams;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each agent's own way in ({@code wfchat:in:<agent>} and its stream): what comes there is that
 * agent's and no other's, an agent's tricks on its own stream reach no one else's, what only the
 * chat service may say (an approval's own message) can't be said in metadata, and what the service
 * announces is pushed only with a number it handed out.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AgentsOwnWaysTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    MeterRegistry metrics;

    @Inject
    InboundStreams inbound;

    @Test
    void anAgentsOwnWaysCarryItsWordsAndNoOneElses() {
        String channel = Channels.create("own-ways");
        Agent agents = new Agent(redis, names);
        try (ChatClient client = ChatClient.connect(base, Accounts.member("watcher").token())) {
            agents.addAs("code", Agent.message(Agent.newId(), "code", channel, "said on my own stream"));
            agents.publishAs("code", Agent.message(Agent.newId(), "code", channel, "said on my own channel"));
            inbound.findAgentStreams().await().atMost(ChatClient.WAIT);
            await().atMost(ChatClient.WAIT).until(() -> contents(client, channel)
                    .containsAll(List.of("said on my own stream", "said on my own channel")));

            String asAnother = Agent.newId();
            agents.addAs("code", Agent.message(asAnother, "design", channel, "design says so").replace(
                    "\"source\":\"agent:design\"", "\"source\":\"agent:code\""));
            assertThat(agents.deadLetterOf(asAnother)).contains("on code's own way in");
            String forgedSource = Agent.newId();
            agents.addAs("code", Agent.message(forgedSource, "design", channel, "design says so"));
            assertThat(agents.deadLetterOf(forgedSource)).contains("source must be agent:code");
            String notAnAgentsType = Agent.newId();
            agents.addAs("code", """
                    {"v":1,"id":"%s","type":"command.result","source":"agent:code",
                     "data":{"correlation_id":"c-1","ok":true,"message":"forged answer"}}""".formatted(notAnAgentsType));
            assertThat(agents.deadLetterOf(notAnAgentsType)).contains("not accepted on code's own way in");
            assertThat(contents(client, channel)).doesNotContain("design says so");
        }
    }

    @Test
    void whatAnAgentDoesToItsOwnStreamReachesNoOtherAgent() {
        String channel = Channels.create("isolated");
        Agent agents = new Agent(redis, names);
        // an agent trims its own stream to nothing, and pushes its ids to the end of time
        redis.execute("XADD", names.inStream("mallory"), "MAXLEN", "0", "*", "event", "{}");
        redis.execute("XADD", names.inStream("mallory"), "18446744073709551615-18446744073709551615", "event",
                Agent.message(Agent.newId(), "mallory", channel, "last words"));
        try (ChatClient client = ChatClient.connect(base, Accounts.member("watcher").token())) {
            for (int i = 0; i < 3; i++) {
                agents.addAs("code", Agent.message(Agent.newId(), "code", channel, "code goes on " + i));
            }
            inbound.findAgentStreams().await().atMost(ChatClient.WAIT);
            await().atMost(ChatClient.WAIT).until(() -> contents(client, channel)
                    .containsAll(List.of("code goes on 0", "code goes on 1", "code goes on 2", "last words")));
        }
    }

    @Test
    void reservedMetadataIsTakenOutOfAnAgentsMessageOnEveryPath() {
        String channel = Channels.create("spoof");
        Agent agents = new Agent(redis, names);
        String reserved = "{\"type\":\"approval_request\",\"approval_id\":\"prod-deploy\",\"status\":\"pending\","
                + "\"request_type\":\"code_change\",\"note\":\"kept\"}";
        double before = stripped();
        try (ChatClient client = ChatClient.connect(base, Accounts.member("watcher").token())) {
            agents.addAs("design", Agent.messageWithMetadata(Agent.newId(), "design", channel, "🎨 button colour", reserved));
            inbound.findAgentStreams().await().atMost(ChatClient.WAIT);
            // several at once go through the batch path
            for (int i = 0; i < 5; i++) {
                agents.add(Agent.messageWithMetadata(Agent.newId(), "design", channel, "🎨 shade " + i, reserved));
            }
            await().atMost(ChatClient.WAIT).until(() -> contents(client, channel).size() == 6);
            JsonNode history = client.awaitAck(client.send("history", "channel", channel, "limit", 10));
            for (JsonNode message : history.path("messages")) {
                assertThat(message.path("metadata").path("note").asText()).isEqualTo("kept");
                assertThat(message.path("metadata").has("type")).isFalse();
                assertThat(message.path("metadata").has("approval_id")).isFalse();
                assertThat(message.path("metadata").has("status")).isFalse();
                assertThat(message.path("metadata").has("request_type")).isFalse();
            }
        }
        assertThat(stripped() - before).isEqualTo(6);
    }

    @Test
    void entriesEveryGroupHasAcknowledgedAreTrimmed() {
        String channel = Channels.create("trimmed");
        Agent agents = new Agent(redis, names);
        String agent = "trim" + System.nanoTime() % 100000;
        try (ChatClient client = ChatClient.connect(base, Accounts.member("watcher").token())) {
            // 150: a history page holds 200; Redis trims whole blocks of 100 entries (MINID ~)
            for (int i = 0; i < 150; i++) {
                agents.addAs(agent, Agent.message(Agent.newId(), agent, channel, "entry " + i));
            }
            inbound.findAgentStreams().await().atMost(ChatClient.WAIT);
            await().atMost(Duration.ofSeconds(30)).until(() -> contents(client, channel).size() == 150);
        }
        await().atMost(ChatClient.WAIT).until(() -> {
            inbound.tidy().await().atMost(ChatClient.WAIT);
            return redis.execute("XLEN", names.inStream(agent)).toLong() < 150;
        });
    }

    @Test
    void aChangeAnnouncedWithANumberNeverHandedOutIsNotPushed() {
        String channel = Channels.create("forged-seq");
        double before = metrics.counter("wfchat.events.implausible").count();
        try (ChatClient client = ChatClient.connect(base, Accounts.member("watcher").token())) {
            String forged = """
                    {"v":1,"id":"forged-%d","type":"message.created","source":"chat-service","seq":1000000000000,
                     "data":{"message_id":"00000000-0000-0000-0000-000000000001","seq":1000000000000,"channel":"%s",
                     "author_type":"user","author_id":"admin","author_name":"admin","content":"forged by Redis",
                     "created_at":"2026-12-03T00:00:00Z","reactions":{},"attachments":[],"metadata":{},"source":"web",
                     "reply_count":0}}""".formatted(System.nanoTime(), channel);
            redis.pubsub(String.class).publish(names.out(), forged);
            String real = client.post(channel, "real, after the forgery");
            client.awaitFrame(ChatClient.created(real));
            await().atMost(ChatClient.WAIT).until(() -> metrics.counter("wfchat.events.implausible").count() > before);
            List<JsonNode> pushed = new ArrayList<>(client.framesOfType("message.created"));
            assertThat(pushed).noneMatch(frame -> frame.path("message").path("content").asText().equals("forged by Redis"));
        }
    }

    private double stripped() {
        return metrics.counter("wfchat.metadata.stripped", "source", "agent").count();
    }

    private static List<String> contents(ChatClient client, String channel) {
        return client.awaitAck(client.send("history", "channel", channel, "limit", 200))
                .path("messages").findValuesAsText("content");
    }
}
