package dev.workflowchat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRedis.class)
class AgentClientTest {

    private final EventParser parser = new EventParser();
    private String agent;
    private AgentClient client;
    private ChatSimulator chat;

    @BeforeEach
    void connect() {
        agent = SharedRedis.agent("code");
        client = SharedRedis.connect(agent);
        chat = SharedRedis.chat(agent);
    }

    @AfterEach
    void close() {
        client.close();
        chat.close();
    }

    @Test
    void shouldPostAValidAgentMessageOnItsOwnWayIn() {
        String id = client.post("general", "Build **green**\n\n```java\nassert ok;\n```").await().atMost(Duration.ofSeconds(5));

        InboundEvent event = parser.inbound(chat.rawSent(id), EventTypes.CHAT_INBOUND);

        assertThat(event).isInstanceOfSatisfying(InboundEvent.AgentMessage.class, message -> {
            assertThat(message.source()).isEqualTo("agent:" + agent);
            assertThat(message.agent()).isEqualTo(agent);
            assertThat(message.channel()).isEqualTo("general");
            assertThat(message.content()).startsWith("Build **green**").contains("```java");
        });
        assertThat(chat.shared()).as("nothing on the shared ways in").noneMatch(raw -> raw.contains(id));
    }

    @Test
    void shouldPostInTheAgentsDmChannel() {
        String id = client.post("dm:" + agent, "Hello").await().atMost(Duration.ofSeconds(5));

        assertThat(parser.inbound(chat.rawSent(id), EventTypes.CHAT_INBOUND))
                .isInstanceOfSatisfying(InboundEvent.AgentMessage.class,
                        message -> assertThat(message.channel()).isEqualTo("dm:" + agent));
    }

    @Test
    void shouldReportStatusWithTaskAndDetail() {
        client.status("busy", "Implement login", "writing the failing test").await().atMost(Duration.ofSeconds(5));

        InboundEvent.AgentStatus status = chat.inbound().stream()
                .filter(envelope -> envelope.type().equals(EventTypes.AGENT_STATUS))
                .map(envelope -> (InboundEvent.AgentStatus) parser.inbound(envelope))
                .filter(candidate -> candidate.agent().equals(agent))
                .findFirst().orElseThrow();
        assertThat(status.status()).isEqualTo("busy");
        assertThat(status.task()).isEqualTo("Implement login");
        assertThat(status.detail()).isEqualTo("writing the failing test");
        assertThat(status.source()).isEqualTo("agent:" + agent);
    }

    @Test
    void shouldRunWorkflowCommandsAndReportActivityOnItsOwnWayToTheStateBroadcaster() {
        String id = client.command("/sprint", List.of("start")).await().atMost(Duration.ofSeconds(5));
        client.activity("Plan the sprint", "started", "S1").await().atMost(Duration.ofSeconds(5));

        List<InboundEvent> sent = chat.stateInbound().stream()
                .map(raw -> parser.inbound(raw, EventTypes.STATE_INBOUND))
                .filter(event -> event.source().equals("agent:" + agent))
                .toList();
        assertThat(sent).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(InboundEvent.CommandInvoke.class, invoke -> {
            assertThat(invoke.id()).isEqualTo(id);
            assertThat(invoke.command()).isEqualTo("/sprint");
            assertThat(invoke.args()).containsExactly("start");
            assertThat(invoke.user()).isEqualTo(agent);
        }));
        assertThat(sent).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(InboundEvent.AgentActivity.class,
                activity -> assertThat(activity.storyId()).isEqualTo("S1")));
        assertThat(chat.shared()).as("nothing on the shared ways in").noneMatch(raw -> raw.contains("agent:" + agent + "\""));
        assertThatThrownBy(() -> client.command("sprint", List.of())).hasMessageContaining("must start with /");
        assertThatThrownBy(() -> client.activity("x", "sleeping", null)).hasMessageContaining("started, queued");
    }

    @Test
    void shouldRefuseBadInputBeforeSendingAnything() {
        assertThatThrownBy(() -> client.post(" ", "hi"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("channel must not be null or blank");
        assertThatThrownBy(() -> client.post("General!", "hi"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid channel name 'General!'");
        assertThatThrownBy(() -> client.post("general", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("markdown must not be null or blank");
        assertThatThrownBy(() -> client.post("general", "x".repeat(40_001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 40000");
        assertThatThrownBy(() -> client.status("sleeping", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status must be one of");
        assertThatThrownBy(() -> client.requestApproval("code_change", null, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("title must not be null or blank");
        assertThatThrownBy(() -> client.requestApproval("Code Change", "Refactor", Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request type must be a lower-case word");
        assertThatThrownBy(() -> client.requestApproval("code_change", "Refactor", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload must not be null");
        assertThatThrownBy(() -> client.requestApproval("code_change", "Refactor", Map.of(), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 10 seconds and 7 days");
        assertThatThrownBy(() -> client.cancel(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("approvalId must not be null or blank");
        assertThatThrownBy(() -> client.listen(null))
                .isInstanceOf(NullPointerException.class).hasMessage("handler must not be null");

        assertThat(chat.inbound()).noneMatch(envelope -> agent.equals(envelope.data().path("agent").asText(null)));
    }

    @Test
    void shouldRefuseBadConnectionSettingsWithAClearMessage() {
        assertThatThrownBy(() -> AgentClient.connect(SharedRedis.uri(), SharedRedis.prefix(), "Code Agent"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent name must be 1-32 of a-z 0-9 - _");
        assertThatThrownBy(() -> AgentClient.connect(SharedRedis.uri(), " ", "code"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> AgentClient.connect("localhost:6379", "wfchat", "code"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with redis://");
        assertThatThrownBy(() -> AgentClient.connect("redis://:secret@127.0.0.1:1", "wfchat", "code"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect agent code to Redis at redis://***@127.0.0.1:1")
                .hasMessageNotContaining("secret");
    }

    @Test
    void shouldReadTheServicesEnvironmentNames() {
        AgentOptions options = AgentOptions.fromEnvironment(
                Map.of("QUARKUS_REDIS_HOSTS", "redis://redis:6379, redis://other:6379", "WFCHAT_REDIS_PREFIX", "team"), "qa");
        assertThat(options.redisUri()).isEqualTo("redis://redis:6379");
        assertThat(options.prefix()).isEqualTo("team");

        AgentOptions defaults = AgentOptions.fromEnvironment(Map.of(), "qa");
        assertThat(defaults.redisUri()).isEqualTo("redis://localhost:6379");
        assertThat(defaults.prefix()).isEqualTo("wfchat");
    }
}
