package dev.workflowchat.state.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.infra.TestRunResource;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventFixtures;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state-broadcaster over real Redis: commands in, results and transitions out, the present kept. */
@QuarkusTest
@WithTestResource(value = TestRunResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WorkflowServiceTest {

    private static final Duration WAIT = StateClient.WAIT;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    WorkflowService service;

    @TestHTTPResource("/")
    URI base;

    private StateClient client;
    private List<JsonNode> announced;

    @BeforeEach
    void listen() {
        client = new StateClient(redis, names);
        announced = client.announced;
    }

    @AfterEach
    void stopListening() {
        client.close();
    }

    @Test
    void theDefaultProjectIsReadableBeforeItsFirstCommand() {
        // written at start, so a browser that connects first sees IDLE rather than nothing
        await().atMost(WAIT).until(() -> snapshotOf("default").has("state"));
        assertThat(snapshotOf("default").path("state").asText()).isNotBlank();
        assertThat(snapshotOf("default").path("allowed_commands")).isNotEmpty();
    }

    @Test
    void anExistingSnapshotIsNeverOverwrittenByTheStartUpOne() {
        String project = client.newProject("kept-");
        invoke(project, "/epic", List.of("Keep me"));
        await().atMost(WAIT).until(() -> "BACKLOG_READY".equals(snapshotOf(project).path("state").asText()));
        assertThat(service.publishIfAbsent(project).await().atMost(WAIT)).isFalse();
        assertThat(snapshotOf(project).path("state").asText()).isEqualTo("BACKLOG_READY");
    }

    @Test
    void aCommandIsAnsweredAndItsTransitionAnnouncedAndKept() {
        String project = client.newProject("p");
        JsonNode result = invoke(project, "/epic", List.of("Build login"));
        assertThat(result.path("data").path("ok").asBoolean()).isTrue();
        assertThat(result.path("data").path("state").asText()).isEqualTo("BACKLOG_READY");
        assertThat(result.path("data").path("allowed_commands").toString()).contains("/sprint plan");
        assertThat(result.path("source").asText()).isEqualTo("state-broadcaster");

        JsonNode transition = await().atMost(WAIT).until(() -> announced.stream()
                .filter(event -> "workflow.transition".equals(event.path("type").asText())
                        && project.equals(event.path("data").path("project").asText()))
                .findFirst().orElse(null), found -> found != null);
        assertThat(transition.path("data").path("from").asText()).isEqualTo("IDLE");
        assertThat(transition.path("data").path("to").asText()).isEqualTo("BACKLOG_READY");
        assertThat(transition.path("data").path("by").asText()).isEqualTo("alice");

        JsonNode snapshot = read(redis.value(String.class).get(names.stateSnapshot(project)));
        assertThat(snapshot.path("state").asText()).isEqualTo("BACKLOG_READY");
        assertThat(snapshot.path("history")).hasSize(1);
        assertThat(redis.stream(String.class).xrange(names.prefix() + ":state:transitions:" + project,
                StreamRange.of("-", "+"))).hasSize(1);
    }

    @Test
    void aRefusedCommandChangesNothingAndSaysWhy() {
        String project = client.newProject("p");
        JsonNode result = invoke(project, "/sprint", List.of("start"));
        assertThat(result.path("data").path("ok").asBoolean()).isFalse();
        assertThat(result.path("data").path("message").asText())
                .isEqualTo("Command `/sprint start` is not allowed in state **IDLE**. No sprint planned. Use /epic then /sprint plan first.");
        assertThat(read(redis.value(String.class).get(names.stateSnapshot(project))).path("state").asText()).isEqualTo("IDLE");
    }

    @Test
    void signalsReportsAndActivityMoveTheProject() {
        String project = client.newProject("p");
        invoke(project, "/epic", List.of("Ship it"));
        invoke(project, "/story", List.of("add", "E1", "The first story"));
        invoke(project, "/sprint", List.of("plan", "1w", "S1"));
        invoke(project, "/sprint", List.of("start"));
        add("{\"v\":1,\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"tdd.report\",\"source\":\"agent:qa\","
                + "\"data\":{\"story_id\":\"S1\",\"to\":\"TEST_RED\",\"project\":\"" + project + "\","
                + "\"tests\":{\"passed\":41,\"failed\":1},\"commit\":\"9f2c1e7\"}}");
        add("{\"v\":1,\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"agent.activity\",\"source\":\"agent:code\","
                + "\"data\":{\"agent\":\"code\",\"action\":\"writing code\",\"status\":\"started\",\"project\":\"" + project + "\"}}");
        for (int i = 0; i < 3; i++) {
            add("{\"v\":1,\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"workflow.signal\",\"source\":\"agent:orchestrator\","
                    + "\"data\":{\"signal\":\"ci_failed\",\"project\":\"" + project + "\"}}");
        }
        await().atMost(WAIT).until(() -> "BLOCKED".equals(snapshotOf(project).path("state").asText()));
        JsonNode snapshot = snapshotOf(project);
        assertThat(snapshot.path("tdd_cycles").path("S1").asText()).isEqualTo("TEST_RED");
        JsonNode move = snapshot.path("tdd_moves").path("S1").path(0);
        assertThat(move.path("to").asText()).isEqualTo("TEST_RED");
        assertThat(move.path("by").asText()).isEqualTo("agent:qa");
        assertThat(move.path("tests").path("failed").asInt()).isEqualTo(1);
        assertThat(move.path("commit").asText()).isEqualTo("9f2c1e7");
        assertThat(snapshot.path("active_agents").findValuesAsText("agent")).contains("code");
        assertThat(announced).anyMatch(event -> "tdd.transition".equals(event.path("type").asText())
                && "S1".equals(event.path("data").path("story_id").asText()));
        assertThat(invoke(project, "/suggest_fix", List.of("pin it")).path("data").path("state").asText())
                .isEqualTo("SPRINT_ACTIVE");
    }

    @Test
    void theSameEventTwiceCountsOnceAndBadInputIsDeadLettered() {
        String project = client.newProject("p");
        String id = "dup-" + UUID.randomUUID();
        String epic = commandInvoke(id, "/epic", "[\"twice\"]", project);
        publishCommand(epic);
        publishCommand(epic);
        long before = deadLetters();
        EventFixtures.invalid().forEach(fixture -> add(fixture.raw()));
        add(EventFixtures.validOf("agent.message").raw()); // a chat event on the state channel
        await().atMost(WAIT).until(() -> deadLetters() >= before + EventFixtures.invalid().size() + 1);
        await().atMost(WAIT).until(() -> snapshotOf(project).path("history").size() == 1);
        assertThat(snapshotOf(project).path("epics")).hasSize(1);
    }

    /**
     * A person's command is taken only from the chat-service's channel: one forged on the agents'
     * way in is dead-lettered and changes nothing; an agent's own command there runs as that agent,
     * whatever user it names; and the commands channel carries nothing else.
     */
    @Test
    void aPersonsCommandIsTakenOnlyFromTheCommandsChannelAndAnAgentsRunsAsTheAgent() {
        String project = client.newProject("p");
        long before = deadLetters();
        String forged = "forged-" + UUID.randomUUID();
        add(commandInvoke(forged, "/epic", "[\"forged\"]", project)); // source chat-service, user alice
        publishCommand("{\"v\":1,\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"workflow.signal\",\"source\":\"agent:x\","
                + "\"data\":{\"signal\":\"ci_failed\",\"project\":\"" + project + "\"}}");
        await().atMost(WAIT).until(() -> deadLetters() >= before + 2);
        assertThat(deadLetterReasons()).anyMatch(reason -> reason.startsWith("command.invoke here must come from an agent"))
                .contains("only command.invoke is accepted on " + names.stateCommands());
        assertThat(snapshotOf(project).path("epics")).isEmpty();

        String own = UUID.randomUUID().toString();
        awaitSubscribed(names.stateIn());
        redis.pubsub(String.class).publish(names.stateIn(), commandInvoke(own, "/epic", "[\"the agent's\"]", project)
                .replace("\"source\":\"chat-service\"", "\"source\":\"agent:orchestrator\""));
        JsonNode transition = await().atMost(WAIT).until(() -> announced.stream()
                .filter(event -> "workflow.transition".equals(event.path("type").asText())
                        && project.equals(event.path("data").path("project").asText()))
                .findFirst().orElse(null), found -> found != null);
        assertThat(transition.path("data").path("by").asText()).isEqualTo("agent:orchestrator");
        assertThat(snapshotOf(project).path("epics")).hasSize(1);
    }

    @Test
    void dashboardsGetTheSnapshotOnConnectAndTransitionsAfter() throws Exception {
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws") + "ws/state"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frames.add(read(text.toString()));
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
        try {
            await().atMost(WAIT).until(() -> !frames.isEmpty());
            assertThat(frames.get(0).path("type").asText()).isEqualTo("workflow.snapshot");
            assertThat(frames.get(0).path("data").path("project").asText()).isEqualTo("default");
            invoke("default", "/mode", List.of("rapid"));
            await().atMost(WAIT).until(() -> frames.stream().anyMatch(frame ->
                    "workflow.snapshot".equals(frame.path("type").asText())
                            && "rapid".equals(frame.path("data").path("mode").asText())));
        } finally {
            socket.abort();
        }
        RestAssured.given().baseUri(base.toString()).get("/q/health/ready").then().statusCode(200);
    }

    private JsonNode invoke(String project, String command, List<String> args) {
        return client.invoke(project, command, args);
    }

    private static String commandInvoke(String id, String command, String argsJson, String project) {
        return StateClient.commandInvoke(id, command, argsJson, project);
    }

    private void publishCommand(String payload) {
        client.publishCommand(payload);
    }

    private void awaitSubscribed(String channel) {
        client.awaitSubscribed(channel);
    }

    private List<String> deadLetterReasons() {
        return redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+")).stream()
                .map(entry -> entry.payload().get("reason"))
                .toList();
    }

    private void add(String payload) {
        redis.stream(String.class).xadd(names.stateInStream(), Map.of("event", payload));
    }

    private long deadLetters() {
        return redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+")).size();
    }

    private JsonNode snapshotOf(String project) {
        return client.snapshotOf(project);
    }

    private static JsonNode read(String json) {
        return StateClient.read(json);
    }
}
