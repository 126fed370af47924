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
                .doesNotContain("\":in:stream\"");
        assertThat(names.inStream("AGENT")).isEqualTo("PREFIX:in:AGENT:stream");
        assertThat(names.agentStream("AGENT")).isEqualTo("PREFIX:agent:AGENT:stream");
    }

    @Test
    void shouldAskOnItsOwnWayAsItsOwnAclUserAndActOnTheDecision() throws Exception {
        Optional<String> python = pythonWithRedis();
        assumeTrue(python.isPresent(), "no python3 with redis-py here (apt-get install python3-redis, or pip install redis)");
        try (TestRun run = TestRun.start(); RawRedis admin = RawRedis.connect(run.redis().uri())) {
            assumeTrue(AclUsers.supported(admin), "ACL key selectors need Redis 7");
            RedisNames names = new RedisNames(run.redisPrefix());
            try (AclUsers users = AclUsers.create(admin, run.redis(), run.redisPrefix(), List.of("data"))) {
                ProcessBuilder builder = new ProcessBuilder(python.get(), EXAMPLE.toString()).redirectErrorStream(true);
                builder.environment().put("AGENT", "data");
                builder.environment().put("WFCHAT_REDIS_PREFIX", run.redisPrefix());
                builder.environment().put("QUARKUS_REDIS_HOSTS", users.agentUri("data"));
                Process agent = builder.start();
                try {
                    // as the chat-service: a person approves the request that came on the agent's own way in
                    Envelope request = await().atMost(WAIT).until(() -> sent(admin, names).stream()
                            .filter(envelope -> envelope.type().equals(EventTypes.APPROVAL_REQUEST)).findFirst(),
                            Optional::isPresent).orElseThrow();
                    admin.call("XADD", names.agentStream("data"), "*", "event", decided(request));

                    assertThat(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    String output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(agent.exitValue()).as(output).isZero();
                    assertThat(output).contains("decision: approved");
                } finally {
                    agent.destroyForcibly();
                }
                EventParser parser = new EventParser();
                List<Envelope> sent = sent(admin, names);
                sent.forEach(parser::inbound); // each valid for the chat-service
                assertThat(sent).extracting(Envelope::type).containsExactly(EventTypes.AGENT_STATUS, EventTypes.AGENT_MESSAGE,
                        EventTypes.APPROVAL_REQUEST, EventTypes.AGENT_MESSAGE, EventTypes.AGENT_STATUS);
                assertThat(sent).allSatisfy(envelope -> assertThat(envelope.source()).isEqualTo("agent:data"));
                assertThat(sent.get(3).data().path("content").asText()).contains("Approved by @alice");
                assertThat(admin.call("EXISTS", names.inStream())).as("nothing on the shared way in").isEqualTo(0L);
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

    /** The person's decision, as the chat-service announces it on the agent's stream. */
    private static String decided(Envelope request) {
        Map<String, Object> approval = Map.of("approval_id", request.id(), "request_type", "code_change",
                "title", request.data().path("title").asText(), "status", "approved", "requested_by", "data",
                "decided_by", "alice", "decided_at", Instant.now().toString());
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
