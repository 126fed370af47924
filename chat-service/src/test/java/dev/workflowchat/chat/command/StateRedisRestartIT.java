package dev.workflowchat.chat.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.chat.support.TcpProxy;
import dev.workflowchat.infra.OwnedRedis;
import dev.workflowchat.infra.RedisEndpoint;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped and started under the state-broadcaster while an agent keeps reporting on
 * {@code wfchat:state:in:stream} and a person watches through the chat-service: both recover by
 * themselves, every entry written is applied once, and what people see is the present. The
 * chat-service reaches Redis through a proxy that lets it back in only after the state-broadcaster
 * has made a transition: of two services reconnecting on their own schedules, the one that
 * listens comes back last here on purpose.
 */
class StateRedisRestartIT {

    private static final Duration OUTAGE_WAIT = Duration.ofSeconds(60);

    @Test
    void shouldApplyEveryEntryOnceAcrossARedisRestartAndShowThePresent() throws Exception {
        try (TestRun run = TestRun.start(); OwnedRedis owned = OwnedRedis.start();
             TcpProxy chatsRedis = TcpProxy.to(owned.endpoint().port());
             ChatServiceProcess chat = ChatServiceProcess.start("state-watcher", run,
                     new RedisEndpoint("127.0.0.1", chatsRedis.port()), Map.of());
             StateBroadcasterProcess state = StateBroadcasterProcess.start(run, owned.endpoint())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Accounts accounts = Accounts.on(chat.base());
            String token = accounts.newMember("watcher").token();
            try (ChatClient client = ChatClient.connect(chat.base(), token);
                 ChatClient dashboard = ChatClient.open(URI.create(state.base().toString().replaceFirst("^http", "ws")
                         .replaceAll("/$", "") + "/ws/state"));
                 ReportingAgent agent = ReportingAgent.start(owned.endpoint(), names)) {
                command(client, "/epic \"Survive Redis\"", "BACKLOG_READY");
                command(client, "/story add E1 \"Keep going\"", "BACKLOG_READY");
                command(client, "/sprint plan 1w S1", "SPRINT_PLANNED");
                command(client, "/sprint start", "SPRINT_ACTIVE");
                await().atMost(OUTAGE_WAIT).until(() -> agent.written() >= 20);

                long stopped = System.nanoTime();
                owned.stopServer();
                chatsRedis.cut();
                await().atMost(OUTAGE_WAIT).until(() -> state.readiness() == 503 && chat.degradedWithoutRedis());
                // a person's command while Redis is away is refused, and must not take effect later
                JsonNode refused = client.awaitAnswer(client.send("message.send", "channel", "workflow",
                        "content", "/sprint pause"));
                assertThat(refused.path("ok").asBoolean()).isFalse();
                await().atMost(OUTAGE_WAIT).until(() -> agent.failures() >= 60);

                owned.startServer();
                String signal = "all-done-" + System.nanoTime();
                try (RedisClient redis = new RedisClient(owned.endpoint().uri())) {
                    // the orchestrator's signal, right after Redis is back: a transition people must see
                    redis.xadd(names.stateInStream(), "{\"v\":1,\"id\":\"" + signal + "\",\"type\":\"workflow.signal\","
                            + "\"source\":\"agent:orchestrator\",\"data\":{\"signal\":\"all_tasks_complete\"}}");
                }
                await().atMost(OUTAGE_WAIT).until(() -> state.readiness() == 200);
                long outageMillis = (System.nanoTime() - stopped) / 1_000_000;
                try (RedisClient redis = new RedisClient(owned.endpoint().uri())) {
                    await().atMost(OUTAGE_WAIT).until(() -> "SPRINT_REVIEW".equals(ProtocolJson.mapper()
                            .readTree(redis.command("GET", names.stateSnapshot("default")).toString())
                            .path("state").asText()));
                }
                assertThat(chat.degradedWithoutRedis()).isTrue();
                chatsRedis.restore();
                await().atMost(OUTAGE_WAIT).until(() -> chat.readiness() == 200 && !chat.degradedWithoutRedis());
                int atRestart = agent.written();
                await().atMost(OUTAGE_WAIT).until(() -> agent.written() >= atRestart + 20);
                agent.close();
                List<String> written = agent.ids();

                try (RedisClient redis = new RedisClient(owned.endpoint().uri())) {
                    // every entry read and acknowledged, each applied once: N reports and the signal
                    await().atMost(OUTAGE_WAIT).until(() -> pending(redis, names) == 0
                            && applied(state) >= written.size() + 1);
                    assertThat(applied(state)).isEqualTo(written.size() + 1);
                    System.out.printf("[state-redis-restart] from Redis stopped to the state-broadcaster ready again %d ms; %d entries written"
                            + " (%d refused while Redis was down, then written), each applied once%n",
                            outageMillis, written.size(), agent.failures());

                    JsonNode stored = ProtocolJson.mapper().readTree(
                            redis.command("GET", names.stateSnapshot("default")).toString());
                    assertThat(stored.path("state").asText()).isEqualTo("SPRINT_REVIEW");
                    assertThat(stored.path("agents").findValuesAsText("agent")).containsAll(agent.workers());
                    agent.stories().forEach(story ->
                            assertThat(stored.path("tdd_cycles").path(story).asText()).as(story).isEqualTo("COMMIT"));
                    // what the person's panel shows last is what Redis keeps, and so does a dashboard on /ws/state
                    await().atMost(OUTAGE_WAIT).until(() -> stored.equals(lastSnapshot(client)));
                    await().atMost(OUTAGE_WAIT).until(() -> stored.equals(lastDashboardSnapshot(dashboard)));
                }
                assertThat(transitions(accounts, token)).containsExactly(
                        "IDLE → BACKLOG_READY", "BACKLOG_READY → SPRINT_PLANNED", "SPRINT_PLANNED → SPRINT_ACTIVE",
                        "SPRINT_ACTIVE → SPRINT_REVIEW");

                // slash commands work again once the services listen again
                try (RedisClient redis = new RedisClient(owned.endpoint().uri())) {
                    await().atMost(OUTAGE_WAIT).until(() -> subscribers(redis, names.stateCommands()) >= 1
                            && subscribers(redis, names.in()) >= 1);
                }
                command(client, "/feedback \"held up\"", "IDLE");
                assertThat(transitions(accounts, token)).endsWith("SPRINT_REVIEW → IDLE");
            }
            try (ChatClient late = ChatClient.connect(chat.base(), token)) {
                assertThat(late.awaitType("ready").path("snapshot").path("state").asText()).isEqualTo("IDLE");
            }
            // the Redis client library logs a reset connection at ERROR; none of ours may
            assertThat(state.log().lines().filter(line -> line.contains("\"level\":\"ERROR\"")
                    && line.contains("\"loggerName\":\"dev.workflowchat"))).isEmpty();
        }
    }

    private static void command(ChatClient client, String text, String expectedState) {
        JsonNode result = client.awaitAnswer(client.send("message.send", "channel", "workflow", "content", text));
        assertThat(result.path("ok").asBoolean()).as(result.path("message").asText()).isTrue();
        assertThat(result.path("state").asText()).isEqualTo(expectedState);
        client.awaitFrame(frame -> "workflow.state".equals(frame.path("type").asText())
                && expectedState.equals(frame.path("snapshot").path("state").asText()));
    }

    private static JsonNode lastDashboardSnapshot(ChatClient dashboard) {
        List<JsonNode> frames = dashboard.framesOfType("workflow.snapshot");
        return frames.isEmpty() ? null : frames.get(frames.size() - 1).path("data");
    }

    private static JsonNode lastSnapshot(ChatClient client) {
        List<JsonNode> frames = client.framesOfType("workflow.state");
        return frames.isEmpty() ? null : frames.get(frames.size() - 1).path("snapshot");
    }

    /** The transitions posted in #workflow, as "FROM → TO", in order. */
    private static List<String> transitions(Accounts accounts, String token) {
        return History.of(accounts, token, "workflow").stream()
                .filter(message -> message.get("metadata") instanceof Map<?, ?> metadata
                        && "workflow_transition".equals(metadata.get("type")))
                .map(message -> {
                    Map<?, ?> metadata = (Map<?, ?>) message.get("metadata");
                    return metadata.get("from") + " → " + metadata.get("to");
                })
                .toList();
    }

    private static double applied(StateBroadcasterProcess state) {
        return state.counter("wfchat_events_in_total", "origin=\"stream\"", "outcome=\"applied\"");
    }

    private static long pending(RedisClient redis, RedisNames names) {
        return redis.command("XPENDING", names.stateInStream(), "state-broadcaster").get(0).toLong();
    }

    private static long subscribers(RedisClient redis, String channel) {
        return redis.command("PUBSUB", "NUMSUB", channel).get(1).toLong();
    }

    /**
     * An agent reporting steadily: each entry an {@code agent.activity} of a worker of its own or a
     * {@code tdd.report} closing a story of its own, so each leaves a mark in the snapshot. An entry
     * Redis refused is tried again until it is written, as a real agent would.
     */
    private static final class ReportingAgent implements AutoCloseable {

        private final RedisEndpoint endpoint;
        private final RedisNames names;
        private final List<String> ids = new CopyOnWriteArrayList<>();
        private final List<String> workers = new CopyOnWriteArrayList<>();
        private final List<String> stories = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        private ReportingAgent(RedisEndpoint endpoint, RedisNames names) {
            this.endpoint = endpoint;
            this.names = names;
            this.thread = new Thread(this::run, "reporting-agent");
        }

        static ReportingAgent start(RedisEndpoint endpoint, RedisNames names) {
            ReportingAgent agent = new ReportingAgent(endpoint, names);
            agent.thread.start();
            return agent;
        }

        private void run() {
            RedisClient redis = new RedisClient(endpoint.uri());
            String id = null;
            for (int i = 1; running; ) {
                // a retry keeps its id, as a real agent's does: an XADD whose reply was lost as Redis
                // stopped may have been written, and the service applies an id once
                id = id != null ? id : "report-" + i + "-" + System.nanoTime();
                boolean activity = i % 2 == 0;
                String data = activity
                        ? "{\"agent\":\"worker-" + i + "\",\"action\":\"task " + i + "\",\"status\":\"started\"}"
                        : "{\"story_id\":\"S-" + i + "\",\"to\":\"COMMIT\"}";
                try {
                    redis.xadd(names.stateInStream(), "{\"v\":1,\"id\":\"" + id + "\",\"type\":\""
                            + (activity ? "agent.activity" : "tdd.report") + "\",\"source\":\"agent:worker\",\"data\":"
                            + data + "}");
                    ids.add(id);
                    (activity ? workers : stories).add(activity ? "worker-" + i : "S-" + i);
                    id = null;
                    i++;
                } catch (IllegalStateException e) {
                    failures.incrementAndGet();
                    redis.close();
                    redis = new RedisClient(endpoint.uri());
                }
                pause(); // the agent's pace, not a wait for a condition
            }
            redis.close();
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int written() {
            return ids.size();
        }

        int failures() {
            return failures.get();
        }

        List<String> ids() {
            return List.copyOf(ids);
        }

        List<String> workers() {
            return List.copyOf(workers);
        }

        List<String> stories() {
            return List.copyOf(stories);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }
    }
}
