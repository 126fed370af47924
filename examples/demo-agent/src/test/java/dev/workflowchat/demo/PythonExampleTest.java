package dev.workflowchat.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.workflowchat.infra.AclUsers;
import dev.workflowchat.infra.RawRedis;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Python example speaks the contract's names; and where a python3 with redis-py is installed
 * (no PyPI here: Debian's python3-redis), it runs as its own ACL user against the real Redis.
 */
class PythonExampleTest {

    private static final Path EXAMPLE = Path.of("../python/agent.py");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldUseTheContractsStreamsTypesAndField() throws Exception {
        String source = Files.readString(EXAMPLE);
        RedisNames names = new RedisNames("PREFIX");

        assertThat(source)
                .contains("PREFIX + \":in:\" + AGENT + \":stream\"")
                .contains("PREFIX + \":agent:\" + AGENT + \":stream\"")
                .contains("\"" + EventTypes.AGENT_MESSAGE + "\"", "\"" + EventTypes.AGENT_STATUS + "\"",
                        "\"" + EventTypes.APPROVAL_REQUEST + "\"", "\"" + EventTypes.APPROVAL_DECIDED + "\"",
                        "\"" + EventTypes.AGENT_DIRECT + "\"")
                .contains("{\"event\": envelope(", "fields[\"event\"]")
                .contains("\"v\": 1", "\"source\": \"agent:\" + AGENT")
                .contains("r.xread(", "block=")
                .contains("QUARKUS_REDIS_HOSTS", "WFCHAT_REDIS_PREFIX", "pip install redis", "redis://agent-data:PASSWORD@")
                .contains("\"risk\"", "(\"reason\", ", "(\"command\", ", "(\"required_approvals\", ", "(\"on_expiry\", ",
                        "(\"escalate_to\", ", "\"decided_by\"", "\"rule_id\"", "\"mode\"", "\"rule:\"", "\"policy:\"",
                        "\"system\"")
                .doesNotContain("\":in:stream\"");
        assertThat(names.inStream("AGENT")).isEqualTo("PREFIX:in:AGENT:stream");
        assertThat(names.agentStream("AGENT")).isEqualTo("PREFIX:agent:AGENT:stream");
    }

    @Test
    void shouldAskOnItsOwnWayAsItsOwnAclUserAndActOnTheDecision() throws Exception {
        Run run = runExample(Map.of(), "alice", Map.of());

        assertThat(run.output()).contains("decision: approved", "decided by: person alice");
        List<Envelope> sent = run.sent();
        assertThat(sent).extracting(Envelope::type).containsExactly(EventTypes.AGENT_STATUS, EventTypes.AGENT_MESSAGE,
                EventTypes.APPROVAL_REQUEST, EventTypes.AGENT_MESSAGE, EventTypes.AGENT_STATUS);
        assertThat(sent).allSatisfy(envelope -> assertThat(envelope.source()).isEqualTo("agent:data"));
        assertThat(sent.get(3).data().path("content").asText()).contains("Approved by @alice");
        InboundEvent.ApprovalRequest request = (InboundEvent.ApprovalRequest) new EventParser().inbound(sent.get(2));
        assertThat(request.context().risk()).isEqualTo("medium");
        assertThat(request.context().reason()).isNotBlank();
        assertThat(request.context().command()).isEqualTo("psql -f reports/query.sql");
        assertThat(sent.get(2).data().has("required_approvals")).as("unsaid: the chat's default").isFalse();
        assertThat(sent.get(2).data().has("on_expiry")).isFalse();
    }

    @Test
    void shouldSayHowItIsToBeDecidedWhenTold() throws Exception {
        Run run = runExample(Map.of("RISK", "high", "REQUIRED_APPROVALS", "2", "ESCALATE_TO", "lead"), "bob", Map.of());

        Envelope request = run.sent().get(2);
        assertThat(request.data().path("risk").asText()).isEqualTo("high");
        assertThat(request.data().path("required_approvals").asInt()).isEqualTo(2);
        assertThat(request.data().path("escalate_to").asText()).isEqualTo("lead");
        assertThat(request.data().has("on_expiry")).isFalse();
    }

    @Test
    void shouldSayWhenARuleDecided() throws Exception {
        Run run = runExample(Map.of(), "rule:R1", Map.of("rule_id", "R1", "mode", "strict"));

        assertThat(run.output()).contains("decided by: rule R1");
        assertThat(run.sent().get(3).data().path("content").asText()).contains("standing rule R1");
    }

    @Test
    void shouldSayWhenThePolicyDecided() throws Exception {
        Run run = runExample(Map.of("RISK", "low"), "policy:rapid", Map.of("mode", "rapid"));

        assertThat(run.output()).contains("decided by: policy rapid");
        assertThat(run.sent().get(3).data().path("content").asText()).contains("low risk in rapid mode");
    }

    @Test
    void shouldSayWhenSilenceApprovedALowRiskRequest() throws Exception {
        Run run = runExample(Map.of("RISK", "low", "ON_EXPIRY", "approve"), "system", Map.of());

        assertThat(run.sent().get(2).data().path("on_expiry").asText()).isEqualTo("approve");
        assertThat(run.output()).contains("decision: approved", "decided by: expiry");
        assertThat(run.sent().get(3).data().path("content").asText()).contains("on_expiry: approve");
    }

    @Test
    void shouldRefuseToAskWhatTheChatWouldRefuseBeforeItConnects() throws Exception {
        Optional<String> python = pythonWithRedis();
        assumeTrue(python.isPresent(), "no python3 with redis-py here (apt-get install python3-redis, or pip install redis)");
        Map<Map<String, String>, String> refused = Map.of(
                Map.of("REQUIRED_APPROVALS", "6"), "required_approvals must be between 1 and 5; got: 6",
                Map.of("ON_EXPIRY", "approve"), "on_expiry approve is allowed only for low risk",
                Map.of("RISK", "severe"), "risk must be one of low, medium, high, critical; got: severe");
        for (var bad : refused.entrySet()) {
            ProcessBuilder builder = new ProcessBuilder(python.get(), EXAMPLE.toString()).redirectErrorStream(true);
            builder.environment().putAll(bad.getKey());
            builder.environment().put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:1"); // never reached
            Process agent = builder.start();
            assertThat(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(agent.exitValue()).as(output).isNotZero();
            assertThat(output).as(bad.getKey().toString()).contains("not asking: " + bad.getValue());
        }
    }

    /** What one run of the example printed and sent. */
    private record Run(String output, List<Envelope> sent) {
    }

    /**
     * Runs the example as its own ACL user with {@code env}; as the chat-service, decides its request
     * (approved by {@code decidedBy}, with {@code approvalFields} added) once it is on the agent's own way in.
     */
    private static Run runExample(Map<String, String> env, String decidedBy, Map<String, Object> approvalFields)
            throws Exception {
        Optional<String> python = pythonWithRedis();
        assumeTrue(python.isPresent(), "no python3 with redis-py here (apt-get install python3-redis, or pip install redis)");
        try (TestRun run = TestRun.start(); RawRedis admin = RawRedis.connect(run.redis().uri())) {
            assumeTrue(AclUsers.supported(admin), "ACL key selectors need Redis 7");
            RedisNames names = new RedisNames(run.redisPrefix());
            try (AclUsers users = AclUsers.create(admin, run.redis(), run.redisPrefix(), List.of("data"))) {
                ProcessBuilder builder = new ProcessBuilder(python.get(), EXAMPLE.toString()).redirectErrorStream(true);
                builder.environment().putAll(env);
                builder.environment().put("AGENT", "data");
                builder.environment().put("WFCHAT_REDIS_PREFIX", run.redisPrefix());
                builder.environment().put("QUARKUS_REDIS_HOSTS", users.agentUri("data"));
                Process agent = builder.start();
                String output;
                try {
                    Envelope request = await().atMost(WAIT).until(() -> sent(admin, names).stream()
                            .filter(envelope -> envelope.type().equals(EventTypes.APPROVAL_REQUEST)).findFirst(),
                            Optional::isPresent).orElseThrow();
                    admin.call("XADD", names.agentStream("data"), "*", "event", decided(request, decidedBy, approvalFields));

                    assertThat(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(agent.exitValue()).as(output).isZero();
                } finally {
                    agent.destroyForcibly();
                }
                List<Envelope> sent = sent(admin, names);
                sent.forEach(new EventParser()::inbound); // each valid for the chat-service
                assertThat(admin.call("EXISTS", names.inStream())).as("nothing on the shared way in").isEqualTo(0L);
                return new Run(output, sent);
            }
        }
    }

    /** What the agent added to its own way in, as the admin reads it. */
    @SuppressWarnings("unchecked")
    private static List<Envelope> sent(RawRedis admin, RedisNames names) {
        EventParser parser = new EventParser();
        List<Object> entries = (List<Object>) admin.call("XRANGE", names.inStream("data"), "-", "+");
        return entries.stream()
                .map(entry -> (List<Object>) ((List<Object>) entry).get(1))
                .map(fields -> parser.envelope((String) fields.get(fields.indexOf("event") + 1)))
                .toList();
    }

    /** The approval, decided by {@code decidedBy}, as the chat-service announces it on the agent's stream. */
    private static String decided(Envelope request, String decidedBy, Map<String, Object> fields) {
        Map<String, Object> approval = new java.util.LinkedHashMap<>(Map.of("approval_id", request.id(),
                "request_type", "code_change", "title", request.data().path("title").asText(), "status", "approved",
                "requested_by", "data", "decided_by", decidedBy, "decided_at", Instant.now().toString()));
        approval.putAll(fields);
        return Envelope.create(EventTypes.APPROVAL_DECIDED, "chat-service", null, approval).toJson();
    }

    /** The first python3 that can import redis, if any. */
    private static Optional<String> pythonWithRedis() {
        return Stream.of("python3", "/usr/bin/python3").filter(PythonExampleTest::importsRedis).findFirst();
    }

    private static boolean importsRedis(String python) {
        try {
            Process probe = new ProcessBuilder(python, "-c", "import redis").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
