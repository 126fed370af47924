package dev.workflowchat.state.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.infra.TestRunResource;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Projects are made by people, each with its own machine and snapshot; an archived one takes nothing more. */
@QuarkusTest
@WithTestResource(value = TestRunResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProjectsTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    private StateClient client;

    @BeforeEach
    void listen() {
        client = new StateClient(redis, names);
    }

    @AfterEach
    void stopListening() {
        client.close();
    }

    @Test
    void eachProjectHasItsOwnMachineAndSnapshot() {
        String web = client.newProject("web-");
        String api = client.newProject("api-");
        ok(client.invoke(web, "/epic", List.of("Login page")));
        ok(client.invoke(api, "/mode", List.of("rapid")));
        assertThat(client.snapshotOf(web).path("state").asText()).isEqualTo("BACKLOG_READY");
        assertThat(client.snapshotOf(api).path("state").asText()).isEqualTo("IDLE");
        assertThat(client.snapshotOf(api).path("mode").asText()).isEqualTo("rapid");
        assertThat(client.snapshotOf(web).path("mode").asText()).isEqualTo("strict");
        assertThat(message(client.invoke(web, "/project", List.of("list")))).contains("**" + web + "** · BACKLOG_READY")
                .contains("**" + api + "** · IDLE").contains("**default**");
        assertThat(message(client.invoke(web, "/project", List.of("show")))).startsWith("**" + web + "**")
                .contains("1 epics");
    }

    @Test
    void theOverviewHasOneLinePerProjectWithItsSprintCyclesApprovalsAndAgents() {
        String web = client.newProject("ov-");
        ok(client.invoke(web, "/epic", List.of("Login page")));
        ok(client.invoke(web, "/story", List.of("add", "E1", "Sign in")));
        ok(client.invoke(web, "/story", List.of("update", "S1", "points", "3")));
        ok(client.invoke(web, "/sprint", List.of("plan", "1w", "S1")));
        ok(client.invoke(web, "/sprint", List.of("start")));
        ok(client.invoke(web, "/tdd", List.of("start", "S1")));
        String id = UUID.randomUUID().toString();
        client.publishCommand("{\"v\":1,\"id\":\"" + id + "\",\"type\":\"command.invoke\",\"source\":\"chat-service\",\"data\":"
                + "{\"correlation_id\":\"c-" + id + "\",\"command\":\"/projects\",\"args\":[],\"user\":\"alice\","
                + "\"project\":\"default\",\"pending_approvals\":{\"" + web + "\":2}}}");
        JsonNode answer = await().atMost(StateClient.WAIT).until(() -> client.results.stream()
                .filter(result -> ("c-" + id).equals(result.path("data").path("correlation_id").asText()))
                .findFirst().orElse(null), found -> found != null);
        assertThat(message(answer)).contains("- **" + web + "** · SPRINT_ACTIVE · sprint 1: 0 of 3 points, day 1 of 7"
                + " · open TDD cycles: 1 · pending approvals: 2 · agents at work: none");
    }

    @Test
    void anArchivedProjectTakesNoMoreCommandsNorEvents() {
        String old = client.newProject("old-");
        ok(client.invoke("default", "/project", List.of("archive", old)));
        assertThat(message(client.invoke(old, "/epic", List.of("Too late")))).contains("is archived");
        assertThat(message(client.invoke("default", "/project", List.of("archive", old)))).contains("archived already");
        String id = UUID.randomUUID().toString();
        redis.stream(String.class).xadd(names.stateInStream(), Map.of("event", "{\"v\":1,\"id\":\"" + id
                + "\",\"type\":\"tdd.report\",\"source\":\"agent:qa\",\"data\":{\"story_id\":\"S1\",\"to\":\"DESIGN\","
                + "\"project\":\"" + old + "\"}}"));
        await().atMost(StateClient.WAIT).until(() -> deadLetterReason(id) != null);
        assertThat(deadLetterReason(id)).contains("is archived");
        assertThat(message(client.invoke("default", "/project", List.of("list")))).contains("**" + old + "** · IDLE · archived");
    }

    @Test
    void anAgentsEventForAProjectNobodyMadeIsDeadLetteredAndMakesNone() {
        String typo = "typo-" + UUID.randomUUID().toString().substring(0, 8);
        String id = UUID.randomUUID().toString();
        redis.stream(String.class).xadd(names.stateInStream(), Map.of("event", "{\"v\":1,\"id\":\"" + id
                + "\",\"type\":\"agent.activity\",\"source\":\"agent:code\",\"data\":{\"agent\":\"code\",\"action\":\"x\","
                + "\"status\":\"started\",\"project\":\"" + typo + "\"}}"));
        await().atMost(StateClient.WAIT).until(() -> deadLetterReason(id) != null);
        assertThat(deadLetterReason(id)).isEqualTo("No project " + typo + ". Create it with /project create " + typo + ".");
        assertThat(redis.key().exists(names.stateSnapshot(typo))).isFalse();
        assertThat(message(client.invoke("default", "/project", List.of("list")))).doesNotContain(typo);
        assertThat(message(client.invoke(typo, "/state", List.of()))).startsWith("No project " + typo);
    }

    @Test
    void anAgentCanNeitherCreateNorArchiveAProject() {
        String agent = "mallory-" + UUID.randomUUID().toString().substring(0, 6);
        String wanted = "agents-own-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode create = client.invokeAsAgent(agent, "default", "/project", List.of("create", wanted));
        assertThat(create.path("data").path("ok").asBoolean()).isFalse();
        assertThat(message(create)).contains("an agent can't");
        assertThat(redis.key().exists(names.stateSnapshot(wanted))).isFalse();

        String someone = client.newProject("kept-");
        JsonNode archive = client.invokeAsAgent(agent, someone, "/project", List.of("archive", someone));
        assertThat(message(archive)).contains("an agent can't");
        assertThat(message(client.invoke("default", "/project", List.of("list")))).contains("**" + someone + "** · IDLE")
                .doesNotContain("**" + someone + "** · IDLE · archived");
        // reading stays open to agents
        assertThat(client.invokeAsAgent(agent, "default", "/project", List.of("list")).path("data").path("ok").asBoolean()).isTrue();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(List.of("create"), "Name the project"),
                Arguments.of(List.of("create", "Bad Name"), "lower-case letters"),
                Arguments.of(List.of("create", "x".repeat(65)), "lower-case letters"),
                Arguments.of(List.of("create", "ok-name", "x".repeat(600)), "at most 500"),
                Arguments.of(List.of("create", "ok-name", "a", "b"), "Name the project"),
                Arguments.of(List.of("create", "default"), "exists already"),
                Arguments.of(List.of("archive", "default"), "can't be archived"),
                Arguments.of(List.of("archive"), "Name the project"),
                Arguments.of(List.of("archive", "nobody-made-this"), "No project nobody-made-this"),
                Arguments.of(List.of("show", "nobody-made-this"), "No project nobody-made-this"),
                Arguments.of(List.of("fly"), "Unknown project action: fly"),
                Arguments.of(List.of(), "Say what to do with projects"));
    }

    @ParameterizedTest(name = "/project {0}")
    @MethodSource("refused")
    void badProjectCommandsAreAnsweredAndChangeNothing(List<String> args, String why) {
        JsonNode answer = client.invoke("default", "/project", args);
        assertThat(answer.path("data").path("ok").asBoolean()).isFalse();
        assertThat(message(answer)).contains(why);
        assertThat(redis.key().exists(names.stateSnapshot("ok-name"))).isFalse();
        assertThat(redis.key().exists(names.stateSnapshot("nobody-made-this"))).isFalse();
    }

    private String deadLetterReason(String id) {
        return redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+")).stream()
                .filter(entry -> id.equals(entry.payload().get("id"))).map(entry -> entry.payload().get("reason"))
                .findFirst().orElse(null);
    }

    private static String message(JsonNode result) {
        return result.path("data").path("message").asText();
    }

    private static void ok(JsonNode result) {
        assertThat(result.path("data").path("ok").asBoolean()).as(result.toString()).isTrue();
    }
}
