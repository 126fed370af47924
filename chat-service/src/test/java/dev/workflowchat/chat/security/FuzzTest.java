package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ErrorLog;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.JsonMutator;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of every way in: valid frames, envelopes and REST bodies mutated by
 * {@link JsonMutator}. Whatever arrives, the service answers without a 5xx or an {@code internal}
 * error, stays usable, stores only what was valid, and dead-letters (and counts) every envelope it
 * refuses. A failing case is reproducible from the seed printed with it.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FuzzTest {

    /** Messages the cases stored: not an approval's reminder or escalation, which run on their own clock meanwhile. */
    private static final String MESSAGES = "SELECT count(*) FROM messages"
            + " WHERE coalesce(metadata->>'type', '') NOT IN ('approval_reminder', 'approval_escalation')";

    private static final long SEED = 20261126L;
    private static final int FRAME_CASES = 2_000;
    private static final int ENVELOPE_CASES_PER_PATH = 400;
    private static final int REST_CASES = 400;
    /** The rate limit is per connection (20 a second); spread over this many, the fuzzing stays under it. */
    private static final int CONNECTIONS = 24;
    private static final Set<String> ANSWERS = Set.of("ack", "error", "history", "completions", "command.result");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    Pool database;

    @Inject
    MeterRegistry metrics;

    private String channel;

    @BeforeEach
    void freshChannel() {
        channel = Channels.create("fuzz");
    }

    @Test
    void mutatedFramesNeverBreakTheSocketNorStoreGarbage() {
        JsonMutator mutator = new JsonMutator(new Random(SEED));
        String token = Accounts.member("fuzzer").token();
        List<ChatClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(ChatClient.connect(base, token));
            }
            ChatClient first = clients.get(0);
            String own = first.post(channel, "the fuzzer's own message");
            long lastSeq = first.awaitFrame(ChatClient.created(own)).path("seq").asLong();
            List<String> templates = frameTemplates(own, lastSeq);
            long messagesBefore = count(MESSAGES);
            Set<String> knownIds = new HashSet<>(Set.of(own));
            Set<String> created = new HashSet<>();
            Map<String, Integer> outcomes = new TreeMap<>();

            for (int i = 0; i < FRAME_CASES; i++) {
                ChatClient client = clients.get(i % CONNECTIONS);
                String frame = mutator.mutate(templates.get(i % templates.size()));
                int answered = answers(client).size();
                client.sendRaw(frame);
                await().atMost(ChatClient.WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> answers(client).size() > answered);
                JsonNode answer = answers(client).get(answered);
                String outcome = "error".equals(answer.path("type").asText())
                        ? "error " + answer.path("code").asText() : answer.path("type").asText();
                outcomes.merge(outcome, 1, Integer::sum);
                assertThat(outcome).as("case %d (seed %d): %s", i, SEED, frame).isNotEqualTo("error internal");
                String messageId = answer.path("message").path("message_id").asText("");
                if (!messageId.isEmpty() && !knownIds.contains(messageId) && frame.contains("message.send")) {
                    created.add(messageId);
                }
            }
            for (ChatClient client : clients) {
                assertThat(client.isOpen()).isTrue();
                client.awaitAck(client.send("typing", "channel", channel));
            }
            assertThat(count(MESSAGES) - messagesBefore)
                    .as("messages stored: only those whose send was acked").isEqualTo(created.size());
            System.out.printf("[fuzz] %d mutated frames on %d sockets: %s; %d messages stored%n",
                    FRAME_CASES, CONNECTIONS, outcomes, created.size());
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    @Test
    void mutatedEnvelopesAreAppliedOrDeadLetteredAndCountedOnEveryPath() {
        JsonMutator mutator = new JsonMutator(new Random(SEED + 1));
        Agent agent = new Agent(redis, names);
        List<String> templates = envelopeTemplates();
        // the shared app's earlier tests may have left entries to read: counted before, not among the cases
        await().atMost(Duration.ofSeconds(60)).until(this::inboundStreamsRead);
        double handledBefore = sum(counter -> true);
        double deadBefore = sum(counter -> "dead_lettered".equals(counter.getId().getTag("outcome")));
        double storedBefore = sum(FuzzTest::storesAMessage);
        long lettersBefore = redis.stream(String.class).xlen(names.deadletter());
        long messagesBefore = count(MESSAGES);
        List<String> sent = mutator.distinctCases(templates, "fz-" + SEED, 3 * ENVELOPE_CASES_PER_PATH);
        for (int i = 0; i < sent.size(); i++) {
            String payload = sent.get(i);
            switch ((i + 1) % 3) {
                case 0 -> agent.add(payload);
                case 1 -> agent.publish(payload);
                default -> redis.stream(String.class).xadd(names.bridgeInStream(), Map.of("event", payload));
            }
        }

        int cases = sent.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> sum(counter -> true) - handledBefore >= cases);
        assertThat(sum(counter -> true) - handledBefore).as("each case handled exactly once").isEqualTo(cases);
        long refused = Math.round(sum(counter -> "dead_lettered".equals(counter.getId().getTag("outcome"))) - deadBefore);
        await().atMost(ChatClient.WAIT).until(() -> redis.stream(String.class).xlen(names.deadletter()) - lettersBefore >= refused);
        assertThat(redis.stream(String.class).xlen(names.deadletter()) - lettersBefore)
                .as("every refused case is in the dead-letter stream").isEqualTo(refused);
        List<String> reasons = redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+")).stream()
                .map(entry -> entry.payload().get("reason")).toList();
        assertThat(reasons).noneMatch(reason -> reason != null && reason.startsWith("internal"));
        long stored = Math.round(sum(FuzzTest::storesAMessage) - storedBefore);
        assertThat(count(MESSAGES) - messagesBefore)
                .as("messages stored: only by envelopes applied").isEqualTo(stored);
        agent.add(Agent.message(Agent.newId(), "qa", channel, "after the fuzz"));
        await().atMost(ChatClient.WAIT).until(() -> count(MESSAGES) - messagesBefore == stored + 1);
        System.out.printf("[fuzz] %d mutated envelopes (a third each on pub/sub, the agents' stream, the bridge's stream): "
                        + "%d dead-lettered, %d stored a message%n",
                cases, refused, stored);
    }

    /**
     * The ways in from our other services ({@code wfchat:out} from the replicas, {@code wfchat:state}
     * from the state-broadcaster) are closed to agents by the Redis ACLs; still, mutated events
     * there never stop delivery nor make the log read like a crash.
     */
    @Test
    void mutatedEventsFromTheOtherServicesNeverStopDelivery() throws Exception {
        JsonMutator mutator = new JsonMutator(new Random(SEED + 3));
        String token = Accounts.member("listener").token();
        try (ChatClient client = ChatClient.connect(base, token); ErrorLog log = ErrorLog.watch()) {
            String own = client.post(channel, "a real one first");
            client.awaitFrame(ChatClient.created(own));
            // a real announcement as the replicas make it, and the state-broadcaster's two kinds
            com.fasterxml.jackson.databind.node.ObjectNode real = (com.fasterxml.jackson.databind.node.ObjectNode)
                    ProtocolJson.mapper().readTree(redis.stream(String.class)
                            .xrevrange(names.outStream(), StreamRange.of("+", "-"), 1).get(0).payload().get("event"));
            String announced = real.put("id", "CASE").toString(); // each case its own envelope id: none is a duplicate
            List<String> stateTemplates = List.of(
                    "{\"v\":1,\"id\":\"CASE\",\"type\":\"workflow.transition\",\"source\":\"state-broadcaster\",\"data\":"
                            + "{\"project\":\"default\",\"from\":\"IDLE\",\"to\":\"BACKLOG_READY\",\"command\":\"/epic\","
                            + "\"by\":\"alice\",\"at\":\"2026-11-26T08:00:00Z\"}}",
                    "{\"v\":1,\"id\":\"CASE\",\"type\":\"workflow.snapshot\",\"source\":\"state-broadcaster\",\"data\":"
                            + "{\"project\":\"default\",\"state\":\"IDLE\",\"mode\":\"strict\",\"tdd_cycles\":{},"
                            + "\"active_agents\":[],\"history\":[],\"allowed_commands\":[\"/epic\"]}}");
            for (int i = 0; i < ENVELOPE_CASES_PER_PATH; i++) {
                String id = "fz-other-" + SEED + "-" + i;
                redis.pubsub(String.class).publish(names.out(), mutator.mutate(announced.replace("CASE", id)));
                redis.pubsub(String.class).publish(names.state(),
                        mutator.mutate(stateTemplates.get(i % 2).replace("CASE", id)));
            }
            // still delivering, in order, after all of them
            String after = client.post(channel, "a real one after");
            client.awaitFrame(ChatClient.created(after));
            assertThat(client.isOpen()).isTrue();
            assertThat(log.errors()).as("ERRORs logged while %d mutated events came from 'our services'",
                    2 * ENVELOPE_CASES_PER_PATH).isEmpty();
        }
    }

    @Test
    void mutatedRestBodiesAndQueriesNeverGetA5xx() throws Exception {
        JsonMutator mutator = new JsonMutator(new Random(SEED + 2));
        Random random = new Random(SEED + 3);
        String admin = Accounts.admin().token();
        String approver = Accounts.approver("fuzz-approver").token();
        long usersBefore = count("SELECT count(*) FROM users");
        // public channels only: a DM is made on first use by whatever else runs meanwhile (an escalation's message)
        long channelsBefore = count("SELECT count(*) FROM channels WHERE kind = 'public'");
        Map<String, Integer> statuses = new TreeMap<>();
        int created = 0;

        for (int i = 0; i < REST_CASES; i++) {
            HttpRequest request = switch (i % 6) {
                case 0 -> post("/api/auth/login", null, mutator.mutate(
                        "{\"username\":\"fuzz-login\",\"password\":\"not-the-password\"}"));
                case 1 -> post("/api/users", admin, mutator.mutate("{\"username\":\"fz" + i
                        + "\",\"password\":\"long-enough\",\"display_name\":\"F\",\"roles\":[\"approver\"]}"));
                case 2 -> post("/api/channels", admin, mutator.mutate("{\"name\":\"fz-" + i + "\",\"description\":\"d\"}"));
                case 3 -> post("/api/approvals/" + Agent.newId() + "/decision", approver, mutator.mutate(
                        "{\"action\":\"modify\",\"comment\":\"c\",\"modifications\":{\"files\":[\"a\"]}}"));
                case 4 -> get("/api/channels/" + channel + "/messages?limit=" + oddQuery(random)
                        + "&before_seq=" + oddQuery(random), admin);
                default -> get("/api/messages/search?q=" + oddQuery(random) + "&channel=" + oddQuery(random), admin);
            };
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.merge(request.method() + " " + request.uri().getPath().replaceAll("(t-)?[0-9a-f-]{20,}", "{id}")
                    + " " + response.statusCode(), 1, Integer::sum);
            assertThat(response.statusCode()).as("case %d (seed %d): %s", i, SEED, request.uri()).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertThat(response.headers().firstValue("Content-Type").orElse(""))
                        .as("case %d: a problem body", i).startsWith("application/problem+json");
            }
            if (response.statusCode() == 201) {
                created++;
            }
        }
        assertThat(count("SELECT count(*) FROM users") - usersBefore + count("SELECT count(*) FROM channels WHERE kind = 'public'") - channelsBefore)
                .as("only the 201s created anything").isEqualTo(created);
        System.out.printf("[fuzz] %d REST cases: %s%n", REST_CASES, statuses);
    }

    private List<String> frameTemplates(String own, long lastSeq) {
        String c = channel;
        return List.of(
                "{\"type\":\"message.send\",\"ref\":\"f\",\"channel\":\"" + c + "\",\"content\":\"fuzz **seed**\"}",
                "{\"type\":\"message.send\",\"ref\":\"f\",\"channel\":\"" + c + "\",\"content\":\"reply\",\"thread_id\":\"" + own
                        + "\",\"reply_to\":\"" + own + "\",\"attachment_ids\":[]}",
                "{\"type\":\"message.edit\",\"ref\":\"f\",\"message_id\":\"" + own + "\",\"content\":\"edited\"}",
                "{\"type\":\"reaction.add\",\"ref\":\"f\",\"message_id\":\"" + own + "\",\"reaction\":\"👍\"}",
                "{\"type\":\"reaction.remove\",\"ref\":\"f\",\"message_id\":\"" + own + "\",\"reaction\":\"👍\"}",
                "{\"type\":\"message.pin\",\"ref\":\"f\",\"message_id\":\"" + own + "\"}",
                "{\"type\":\"message.unpin\",\"ref\":\"f\",\"message_id\":\"" + own + "\"}",
                "{\"type\":\"typing\",\"ref\":\"f\",\"channel\":\"" + c + "\"}",
                "{\"type\":\"history\",\"ref\":\"f\",\"channel\":\"" + c + "\",\"before_seq\":" + (lastSeq + 1) + ",\"limit\":5}",
                "{\"type\":\"resume\",\"ref\":\"f\",\"after_seq\":" + lastSeq + "}",
                "{\"type\":\"read\",\"ref\":\"f\",\"channel\":\"" + c + "\",\"seq\":" + lastSeq + "}",
                "{\"type\":\"approval.respond\",\"ref\":\"f\",\"approval_id\":\"t-none\",\"action\":\"modify\","
                        + "\"comment\":\"no\",\"modifications\":{\"files\":[\"a.py\"]}}",
                "{\"type\":\"command.complete\",\"ref\":\"f\",\"text\":\"/sta\"}",
                "{\"type\":\"message.delete\",\"ref\":\"f\",\"message_id\":\"00000000-0000-0000-0000-000000000000\"}");
    }

    /** Valid envelopes of each inbound type; CASE becomes each case's own id. */
    private List<String> envelopeTemplates() {
        String c = channel;
        return List.of(
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"agent.message\",\"source\":\"agent:qa\",\"data\":{\"channel\":\"" + c
                        + "\",\"agent\":\"qa\",\"content\":\"fuzzed\",\"metadata\":{\"k\":[1,2]}}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"agent.status\",\"ts\":\"2026-11-26T04:00:00Z\",\"source\":\"agent:qa\","
                        + "\"data\":{\"agent\":\"qa\",\"status\":\"busy\",\"task\":\"fuzzing\",\"detail\":\"d\"}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"approval.request\",\"source\":\"agent:code\",\"data\":{\"request_type\":"
                        + "\"code_change\",\"title\":\"Fuzz\",\"channel\":\"" + c + "\",\"payload\":{\"files\":[\"a.py\"],\"diff\":\"-a\\n+b\"},"
                        + "\"expires_in_s\":600}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"approval.cancel\",\"source\":\"agent:code\","
                        + "\"data\":{\"approval_id\":\"t-none\",\"reason\":\"r\"}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"bridge.message\",\"source\":\"discord-bridge\",\"data\":{\"channel\":\"" + c
                        + "\",\"external_id\":\"CASE\",\"author\":{\"id\":\"555\",\"name\":\"dana\",\"avatar_url\":"
                        + "\"https://cdn.example/a.png\"},\"content\":\"from discord\"}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"bridge.message.edited\",\"source\":\"discord-bridge\","
                        + "\"data\":{\"external_id\":\"none\",\"content\":\"x\"}}",
                "{\"v\":1,\"id\":\"CASE\",\"type\":\"command.result\",\"source\":\"state-broadcaster\","
                        + "\"data\":{\"correlation_id\":\"none\",\"ok\":true,\"message\":\"m\"}}");
    }

    /** The types that store one message when applied: an agent's, a Discord person's, an approval's card. */
    private static boolean storesAMessage(Counter counter) {
        return "applied".equals(counter.getId().getTag("outcome"))
                && Set.of("agent.message", "bridge.message", "approval.request").contains(counter.getId().getTag("type"));
    }

    /** Every inbound stream of this run read and acknowledged by the chat-service's group. */
    private boolean inboundStreamsRead() {
        for (String stream : redis.key().keys(names.prefix() + ":*in*:stream")) {
            String last = redis.execute("XINFO", "STREAM", stream).get("last-generated-id").toString();
            for (var group : redis.execute("XINFO", "GROUPS", stream)) {
                if ("chat-service".equals(group.get("name").toString()) && (group.get("pending").toLong() > 0
                        || !last.equals(group.get("last-delivered-id").toString()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private double sum(Predicate<Counter> which) {
        return metrics.find("wfchat.events.in").counters().stream().filter(which).mapToDouble(Counter::count).sum();
    }

    private static List<JsonNode> answers(ChatClient client) {
        return client.frames().stream().filter(frame -> ANSWERS.contains(frame.path("type").asText())).toList();
    }

    private static String oddQuery(Random random) {
        String[] odd = {"", "-1", "0", "201", "99999999999999999999", "1e3", "abc", "%00", "'", "\"", "a:*", "!!", "&|",
            "(", ")", "<->", "\\", "general", "../x", "😀", "\u202E", "x".repeat(2_000)};
        return URLEncoder.encode(odd[random.nextInt(odd.length)], StandardCharsets.UTF_8);
    }

    private HttpRequest post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private HttpRequest get(String pathAndQuery, String token) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    private long count(String query) {
        return database.query(query).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
