package dev.workflowchat.state.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.infra.TestRunResource;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.JsonMutator;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.state.machine.ProjectState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the state-broadcaster's ways in: valid envelopes of each type it takes,
 * mutated, a third each on {@code wfchat:state:in}, its stream and {@code wfchat:state:commands}.
 * Each case is applied, found a duplicate, or dead-lettered with its reason, and counted once;
 * none fails inside; what is kept (snapshots) stays well-formed, and the service still answers.
 */
@QuarkusTest
@WithTestResource(value = TestRunResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StateFuzzTest {

    private static final long SEED = 20261126L;
    private static final int CASES_PER_PATH = 300;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> STATES =
            Set.copyOf(Arrays.stream(ProjectState.values()).map(Enum::name).toList());

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    MeterRegistry metrics;

    @TestHTTPResource("/")
    URI base;

    @Test
    void mutatedEnvelopesAreAppliedOrDeadLetteredAndCountedOnEveryPath() {
        JsonMutator mutator = new JsonMutator(new Random(SEED));
        String project;
        try (StateClient client = new StateClient(redis, names)) {
            project = client.newProject("fuzz");
        }
        List<String> templates = templates(project);
        for (String channel : List.of(names.stateIn(), names.stateCommands())) {
            await().atMost(WAIT).until(() -> redis.execute("PUBSUB", "NUMSUB", channel).get(1).toLong() >= 1);
        }
        double handledBefore = handled();
        double deadBefore = deadLettered();
        long lettersBefore = redis.stream(String.class).xlen(names.deadletter());
        List<String> sent = mutator.distinctCases(templates, "fz-" + SEED, 3 * CASES_PER_PATH);
        for (int i = 0; i < sent.size(); i++) {
            String payload = sent.get(i);
            switch ((i + 1) % 3) {
                case 0 -> redis.stream(String.class).xadd(names.stateInStream(), Map.of("event", payload));
                case 1 -> redis.pubsub(String.class).publish(names.stateIn(), payload);
                default -> redis.pubsub(String.class).publish(names.stateCommands(), payload);
            }
        }

        int cases = sent.size();
        await().atMost(WAIT).until(() -> handled() - handledBefore >= cases);
        assertThat(handled() - handledBefore).as("each case handled exactly once").isEqualTo(cases);
        long refused = Math.round(deadLettered() - deadBefore);
        assertThat(redis.stream(String.class).xlen(names.deadletter()) - lettersBefore)
                .as("every refused case is in the dead-letter stream").isEqualTo(refused);
        assertThat(redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+")))
                .allSatisfy(entry -> assertThat(entry.payload().get("reason")).isNotBlank().doesNotStartWith("internal"));

        // what is kept is well-formed: only plainly named projects, each snapshot with a known state
        List<String> snapshotKeys = redis.key().keys(names.stateSnapshot("*"));
        for (String key : snapshotKeys) {
            assertThat(ChannelNames.isValidProject(key.substring(names.stateSnapshot("").length()))).as(key).isTrue();
            JsonNode snapshot = read(redis.value(String.class).get(key));
            assertThat(snapshot.path("state").asText()).as(key).isIn(STATES);
        }
        // and it still serves a real command
        String correlation = "after-" + UUID.randomUUID();
        List<JsonNode> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        var listener = redis.pubsub(String.class).subscribe(names.in(), raw -> results.add(read(raw)));
        try {
            redis.pubsub(String.class).publish(names.stateCommands(), commandInvoke(correlation, "/state", project));
            await().atMost(WAIT).until(() -> results.stream()
                    .anyMatch(result -> correlation.equals(result.path("data").path("correlation_id").asText())));
        } finally {
            listener.unsubscribe();
        }
        RestAssured.given().baseUri(base.toString()).get("/q/health/ready").then().statusCode(200);
        System.out.printf("[state fuzz] %d mutated envelopes (a third each on pub/sub, the stream, the commands channel): "
                + "%d dead-lettered; %d projects kept%n", cases, refused, snapshotKeys.size());
    }

    /**
     * The same on one agent's own way ({@code wfchat:state:in:<agent>}, half on pub/sub, half on its
     * stream): besides each case being applied, a duplicate or dead-lettered and counted once,
     * nothing applied there speaks for anyone else: every activity announced is that agent's, every
     * transition made by it.
     */
    @Test
    void mutatedEnvelopesOnAnAgentsOwnWayAreAppliedOnlyInItsName() {
        JsonMutator mutator = new JsonMutator(new Random(SEED));
        String agent = "fuzzer";
        List<String> templates = ownTemplates(agent, "fuzz-own");
        String probe = ownTemplates(agent, "fuzz-probe").get(0).replace("CASE", "probe-" + UUID.randomUUID());
        double beforeProbe = handled();
        await().atMost(WAIT).until(() -> redis.execute("PUBLISH", names.stateIn(agent), probe).toLong() >= 1);
        await().atMost(WAIT).until(() -> handled() > beforeProbe);
        double handledBefore = handled();
        double deadBefore = deadLettered();
        long lettersBefore = redis.stream(String.class).xlen(names.deadletter());
        List<StreamMessage<String, String, String>> announced = redis.stream(String.class)
                .xrevrange(names.stateStream(), StreamRange.of("+", "-"), 1);
        String announcedBefore = announced.isEmpty() ? "0-0" : announced.get(0).id();
        List<String> sent = mutator.distinctCases(templates, "fo-" + SEED, 2 * CASES_PER_PATH);
        for (int i = 0; i < sent.size(); i++) {
            if (i % 2 == 0) {
                redis.stream(String.class).xadd(names.stateInStream(agent), Map.of("event", sent.get(i)));
            } else {
                redis.pubsub(String.class).publish(names.stateIn(agent), sent.get(i));
            }
        }

        int cases = sent.size();
        await().atMost(WAIT).until(() -> handled() - handledBefore >= cases);
        assertThat(handled() - handledBefore).as("each case handled exactly once").isEqualTo(cases);
        long refused = Math.round(deadLettered() - deadBefore);
        assertThat(redis.stream(String.class).xlen(names.deadletter()) - lettersBefore)
                .as("every refused case is in the dead-letter stream").isEqualTo(refused);
        List<JsonNode> after = redis.stream(String.class)
                .xrange(names.stateStream(), StreamRange.of("(" + announcedBefore, "+")).stream()
                .map(entry -> read(entry.payload().get("event")))
                .toList();
        assertThat(after).filteredOn(event -> "agent.activity".equals(event.path("type").asText()))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.path("data").path("agent").asText()).isEqualTo(agent));
        assertThat(after).filteredOn(event -> "workflow.transition".equals(event.path("type").asText()))
                .allSatisfy(event -> assertThat(event.path("data").path("by").asText()).isEqualTo("agent:" + agent));
        System.out.printf("[state fuzz, own way] %d mutated envelopes on %s's own way (half pub/sub, half its stream): "
                + "%d dead-lettered%n", cases, agent, refused);
    }

    /** Valid envelopes of each type an agent sends on its own way; CASE becomes each case's own id. */
    private static List<String> ownTemplates(String agent, String project) {
        String source = "\"source\":\"agent:" + agent + "\"";
        return List.of(
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"agent.activity\"," + source + ",\"data\":{\"agent\":\"" + agent
                        + "\",\"action\":\"writing tests\",\"status\":\"started\",\"story_id\":\"S1\",\"project\":\""
                        + project + "\"}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"tdd.report\"," + source + ",\"data\":{\"story_id\":\"S1\","
                        + "\"to\":\"TEST_RED\",\"project\":\"" + project + "\"}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"workflow.signal\"," + source + ",\"data\":{\"signal\":\"ci_failed\","
                        + "\"project\":\"" + project + "\"}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"command.invoke\"," + source + ",\"data\":{\"correlation_id\":\"CASE\","
                        + "\"command\":\"/epic\",\"args\":[\"Fuzzed epic\"],\"user\":\"alice\",\"channel\":\"workflow\","
                        + "\"project\":\"" + project + "\"}}");
    }

    /** Valid envelopes of each type the state-broadcaster takes; CASE becomes each case's own id. */
    private static List<String> templates(String project) {
        return List.of(
                commandInvoke("CASE", "/epic", project),
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"agent.activity\",\"source\":\"agent:code\",\"data\":{\"agent\":\"code\","
                        + "\"action\":\"writing tests\",\"status\":\"started\",\"story_id\":\"S1\",\"project\":\"" + project + "\"}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"tdd.report\",\"source\":\"agent:qa\",\"data\":{\"story_id\":\"S1\","
                        + "\"to\":\"TEST_RED\",\"project\":\"" + project + "\",\"detail\":\"2 failing\"}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"workflow.signal\",\"source\":\"agent:orchestrator\","
                        + "\"data\":{\"signal\":\"ci_failed\",\"project\":\"" + project + "\"}}");
    }

    private static String commandInvoke(String id, String command, String project) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"command.invoke\",\"source\":\"chat-service\",\"data\":"
                + "{\"correlation_id\":\"" + id + "\",\"command\":\"" + command + "\",\"args\":[\"Fuzzed epic\"],"
                + "\"raw\":\"" + command + " Fuzzed epic\",\"user\":\"alice\",\"channel\":\"workflow\",\"project\":\"" + project + "\"}}";
    }

    private double handled() {
        return metrics.find("wfchat.events.in").counters().stream().mapToDouble(Counter::count).sum() + deadLettered();
    }

    private double deadLettered() {
        return metrics.find("wfchat.events.deadlettered").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
