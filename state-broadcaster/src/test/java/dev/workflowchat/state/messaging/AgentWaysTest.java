package dev.workflowchat.state.messaging;

import static dev.workflowchat.state.messaging.AgentEnvelopes.activity;
import static dev.workflowchat.state.messaging.AgentEnvelopes.agentMessage;
import static dev.workflowchat.state.messaging.AgentEnvelopes.epic;
import static dev.workflowchat.state.messaging.AgentEnvelopes.newId;
import static dev.workflowchat.state.messaging.AgentEnvelopes.signal;
import static dev.workflowchat.state.messaging.AgentEnvelopes.tddReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.infra.TestRunResource;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.workflowchat.state.service.StateClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each agent's own way to the state-broadcaster ({@code wfchat:state:in:<agent>} and its stream),
 * over real Redis: its events are applied, found even when the stream appears after the start;
 * what another agent forges there, or anything that isn't an agent's event, is dead-lettered
 * with the reason and changes nothing; what was read is trimmed.
 */
@QuarkusTest
@WithTestResource(value = TestRunResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AgentWaysTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger AGENTS = new AtomicInteger();

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    MeterRegistry metrics;

    @Test
    void anAgentsOwnWayAppliesItsEventsAndItsCommandRunsAsTheAgent() {
        String agent = newAgent("code");
        String project = newProject();
        String source = "agent:" + agent;
        add(agent, activity(source, agent, project));
        add(agent, tddReport(source, project));
        publishUntilHeard(agent, epic(newId(), source, "alice", "Own way", project)); // names alice, runs as the agent

        await().atMost(WAIT).until(() -> snapshotOf(project).path("epics").size() == 1
                && snapshotOf(project).path("tdd_cycles").has("S1")
                && snapshotOf(project).path("agents").findValuesAsText("agent").contains(agent));
        JsonNode snapshot = snapshotOf(project);
        assertThat(snapshot.path("tdd_cycles").path("S1").asText()).isEqualTo("TEST_RED");
        assertThat(snapshot.path("history").findValuesAsText("by")).containsExactly(source);
        assertThat(redis.stream(String.class).xpending(names.stateInStream(agent), StateInbound.GROUP).getPendingCount())
                .as("applied entries are acknowledged").isZero();
    }

    @Test
    void aStreamThatAppearsAfterTheStartIsFoundAndRead() {
        String agent = newAgent("late");
        String project = newProject();
        assertThat(redis.key().exists(names.stateInStream(agent))).isFalse();
        // the service is up and reading: the shared stream has its group already
        await().atMost(WAIT).until(() -> groupsOf(names.stateInStream()).contains(StateInbound.GROUP));

        add(agent, tddReport("agent:" + agent, project));

        await().atMost(WAIT).until(() -> "TEST_RED".equals(snapshotOf(project).path("tdd_cycles").path("S1").asText()));
        assertThat(groupsOf(names.stateInStream(agent))).contains(StateInbound.GROUP);
    }

    /**
     * An ACL lets only qa write qa's own way; whatever is there that is not qa's own event in qa's
     * own name is refused: another agent's source or agent, a chat event, a malformed or huge
     * payload, an entry without an envelope. None changes the project, and qa's next event counts.
     */
    @Test
    void whatIsNotTheAgentsOwnEventIsDeadLetteredWithItsReasonAndChangesNothing() {
        String qa = newAgent("qa");
        String other = newAgent("code");
        String project = newProject();
        double refusedBefore = deadLettered("agent-stream") + deadLettered("agent-pubsub");
        List<String> forged = List.of(
                activity("agent:" + other, other, project),
                activity("agent:" + qa, other, project),
                epic(newId(), "agent:" + other, other, "Forged", project),
                epic(newId(), "chat-service", "alice", "A person's", project),
                signal("agent:" + other, "ci_failed", project),
                agentMessage("agent:" + qa, qa),
                "{\"v\":1,\"id\":\"not-json\"",
                activity("agent:" + qa, qa, project).replace("writing tests", "x".repeat(300 * 1024)));
        forged.forEach(raw -> add(qa, raw));
        String withoutEnvelope = redis.stream(String.class).xadd(names.stateInStream(qa), Map.of("not-event", "{}"));
        publishUntilHeard(qa, tddReport("agent:" + other, project));

        int refused = forged.size() + 2;
        await().atMost(WAIT).until(() -> deadLettered("agent-stream") + deadLettered("agent-pubsub")
                >= refusedBefore + refused);
        assertThat(deadLettered("agent-stream") + deadLettered("agent-pubsub") - refusedBefore).isEqualTo(refused);
        List<Map<String, String>> letters = deadLettersFrom("state-broadcaster:agent-stream:" + qa);
        String sourceRule = "on " + qa + "'s own way in, source must be agent:" + qa + " and the agent " + qa;
        assertThat(letters).extracting(letter -> letter.get("reason")).containsExactlyInAnyOrder(
                sourceRule, sourceRule, sourceRule, sourceRule, sourceRule,
                "type agent.message is not accepted on " + qa + "'s own way in",
                "not JSON",
                "payload larger than 262144 bytes",
                "stream entry " + withoutEnvelope + " has no 'event' field");
        assertThat(deadLettersFrom("state-broadcaster:agent-pubsub:" + qa)).extracting(letter -> letter.get("reason"))
                .containsExactly(sourceRule);
        assertThat(snapshotOf(project).path("agents")).as("nothing applied").isEmpty();

        add(qa, activity("agent:" + qa, qa, project));
        await().atMost(WAIT).until(() -> snapshotOf(project).path("agents").findValuesAsText("agent").equals(List.of(qa)));
        assertThat(snapshotOf(project).path("epics")).isEmpty();
        assertThat(snapshotOf(project).path("tdd_cycles")).isEmpty();
    }

    @Test
    void acknowledgedEntriesAreTrimmed() {
        String agent = newAgent("busy");
        String project = newProject();
        int added = 300; // Redis trims whole nodes (stream-node-max-entries, 100 by default)
        for (int i = 0; i < added; i++) {
            add(agent, activity("agent:" + agent, agent, project));
        }
        await().atMost(WAIT).until(() -> groupsOf(names.stateInStream(agent)).contains(StateInbound.GROUP)
                && redis.stream(String.class).xpending(names.stateInStream(agent), StateInbound.GROUP).getPendingCount() == 0
                && redis.stream(String.class).xlen(names.stateInStream(agent)) < added / 2);
        assertThat(snapshotOf(project).path("agents").findValuesAsText("agent")).containsExactly(agent);
    }

    private String newAgent(String role) {
        return role + "-" + AGENTS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A project made as a person makes one (an agent's event can't make one). */
    private String newProject() {
        try (StateClient client = new StateClient(redis, names)) {
            return client.newProject("p");
        }
    }

    private void add(String agent, String raw) {
        redis.stream(String.class).xadd(names.stateInStream(agent), Map.of("event", raw));
    }

    /** Publishes on the agent's own channel until the service's pattern subscription hears it (the id counts once). */
    private void publishUntilHeard(String agent, String raw) {
        await().atMost(WAIT).until(() -> redis.execute("PUBLISH", names.stateIn(agent), raw).toLong() >= 1);
    }

    private List<String> groupsOf(String stream) {
        if (!redis.key().exists(stream)) {
            return List.of();
        }
        List<String> groups = new ArrayList<>();
        redis.execute("XINFO", "GROUPS", stream).forEach(group -> groups.add(group.get("name").toString()));
        return groups;
    }

    private List<Map<String, String>> deadLettersFrom(String origin) {
        return redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload)
                .filter(letter -> origin.equals(letter.get("origin")))
                .toList();
    }

    private double deadLettered(String origin) {
        return metrics.find("wfchat.events.deadlettered").tag("origin", origin).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private JsonNode snapshotOf(String project) {
        String json = redis.value(String.class).get(names.stateSnapshot(project));
        if (json == null) {
            return ProtocolJson.mapper().createObjectNode();
        }
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
