package dev.workflowchat.state.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.infra.TestRunResource;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL keeps the workflow; Redis only caches it: what a command changes is in the tables,
 * a lost cache comes back from them, and while PostgreSQL is away a command says it changed
 * nothing, and nothing is changed.
 */
@QuarkusTest
@WithTestResource(value = TestRunResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WorkflowRecordTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    Pool pool;

    @Inject
    Projects projects;

    @Inject
    CachedSnapshots cachedSnapshots;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    java.util.Optional<String> password;

    @TestHTTPResource("/")
    URI base;

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
    void everyChangeIsInTheTablesAndALostCacheComesBackFromThem() {
        String project = client.newProject("rec-");
        assertOk(client.invoke(project, "/epic", List.of("Build login", "with OAuth")));
        assertOk(client.invoke(project, "/story", List.of("add", "E1", "Reset password", "a link by email")));
        assertOk(client.invoke(project, "/story", List.of("update", "S1", "priority", "high")));
        assertOk(client.invoke(project, "/mode", List.of("rapid")));
        redis.stream(String.class).xadd(names.stateInStream(), Map.of("event", "{\"v\":1,\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"tdd.report\",\"source\":\"agent:qa\",\"data\":{\"story_id\":\"S1\",\"to\":\"TEST_RED\","
                + "\"project\":\"" + project + "\"}}"));
        await().atMost(StateClient.WAIT).until(() -> rows("SELECT phase FROM workflow.tdd_cycles WHERE project = $1", project)
                .stream().anyMatch(row -> "TEST_RED".equals(row.getString("phase"))));

        Row stored = rows("SELECT * FROM workflow.projects WHERE name = $1", project).get(0);
        assertThat(stored.getString("state")).isEqualTo("BACKLOG_READY");
        assertThat(stored.getString("mode")).isEqualTo("rapid");
        Row epic = rows("SELECT * FROM workflow.epics WHERE project = $1", project).get(0);
        assertThat(epic.getString("title")).isEqualTo("Build login");
        assertThat(epic.getString("description")).isEqualTo("with OAuth");
        Row story = rows("SELECT * FROM workflow.stories WHERE project = $1", project).get(0);
        assertThat(List.of(story.getString("id"), story.getString("epic_id"), story.getString("priority"), story.getString("criteria")))
                .containsExactly("S1", "E1", "high", "a link by email");
        assertThat(rows("SELECT * FROM workflow.transitions WHERE project = $1", project)).hasSize(1);

        // Redis loses the cache (flushed, or restarted without persistence) and memory its copy
        redis.key().del(names.stateSnapshot(project));
        projects.get(project).invoke(projects::forget).await().atMost(StateClient.WAIT);
        assertThat(cachedSnapshots.rebuild().await().atMost(StateClient.WAIT)).isGreaterThanOrEqualTo(1);
        JsonNode snapshot = client.snapshotOf(project);
        assertThat(snapshot.path("state").asText()).isEqualTo("BACKLOG_READY");
        assertThat(snapshot.path("mode").asText()).isEqualTo("rapid");
        assertThat(snapshot.path("tdd_cycles").path("S1").asText()).isEqualTo("TEST_RED");
        assertThat(snapshot.path("history")).hasSize(1);
        assertThat(snapshot.path("work").path("stories").get(0).path("priority").asText()).isEqualTo("high");
        assertThat(snapshot.path("epics").get(0).asText()).isEqualTo("Build login");
        // and the ids go on from where they were
        assertThat(client.invoke(project, "/story", List.of("add", "E1", "Sign up")).path("data").path("message").asText())
                .startsWith("Story added: S2 Sign up");
    }

    @Test
    void aSprintAndItsCyclesWithTheirEvidenceComeBackFromTheRecord() {
        String project = client.newProject("spr-");
        assertOk(client.invoke(project, "/epic", List.of("Build login")));
        assertOk(client.invoke(project, "/story", List.of("add", "E1", "Reset password")));
        assertOk(client.invoke(project, "/sprint", List.of("plan", "10d", "S1", "Sign-in works")));
        assertOk(client.invoke(project, "/sprint", List.of("start")));
        assertOk(client.invoke(project, "/sprint", List.of("pause", "waiting on API keys")));
        assertOk(client.invoke(project, "/sprint", List.of("resume")));
        report(project, "S1", "TEST_RED", ",\"tests\":{\"passed\":3,\"failed\":1},\"commit\":\"abc1234\"");
        await().atMost(StateClient.WAIT).until(() -> !rows("SELECT * FROM workflow.tdd_events WHERE project = $1", project).isEmpty());

        redis.key().del(names.stateSnapshot(project));
        projects.get(project).invoke(projects::forget).await().atMost(StateClient.WAIT);
        assertThat(client.invoke(project, "/sprint", List.of("status")).path("data").path("message").asText())
                .contains("**Sprint 1** · goal: Sign-in works · day 1 of 10").contains("in_progress: S1");
        assertThat(client.invoke(project, "/tdd", List.of("logs", "S1")).path("data").path("message").asText())
                .contains("TEST_RED by agent:qa · tests 3 passed, 1 failed").contains("commit abc1234");
        JsonNode sprint = client.snapshotOf(project).path("sprint");
        assertThat(sprint.path("goal").asText()).isEqualTo("Sign-in works");
        assertThat(sprint.path("pauses").get(0).path("reason").asText()).isEqualTo("waiting on API keys");
    }

    @Test
    void aReportAgainstItsOwnEvidenceIsRefusedInStrictModeAndTheAgentHearsWhy() {
        String project = client.newProject("ev-");
        assertOk(client.invoke(project, "/epic", List.of("Build login")));
        String id = report(project, "S1", "CODE_GREEN", ",\"tests\":{\"passed\":3,\"failed\":2}");
        await().atMost(StateClient.WAIT).until(() -> redis.stream(String.class).xrange(names.agentStream("qa"),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).stream()
                .anyMatch(entry -> entry.payload().get("event").contains(id)));
        JsonNode told = StateClient.read(redis.stream(String.class).xrange(names.agentStream("qa"),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).stream()
                .map(entry -> entry.payload().get("event")).filter(event -> event.contains(id)).findFirst().orElseThrow());
        assertThat(told.path("type").asText()).isEqualTo("tdd.refused");
        assertThat(told.path("data").path("reason").asText())
                .isEqualTo("Refused in strict mode: CODE_GREEN reported with 2 failing tests.");
        await().atMost(StateClient.WAIT).until(() -> redis.stream(String.class).xrange(names.deadletter(),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).stream()
                .anyMatch(entry -> id.equals(entry.payload().get("id"))
                        && entry.payload().get("reason").contains("CODE_GREEN reported with 2 failing tests")));
        assertThat(client.snapshotOf(project).path("tdd_cycles").has("S1")).isFalse();
        assertThat(rows("SELECT * FROM workflow.tdd_events WHERE project = $1", project)).isEmpty();
    }

    /** An agent's {@code tdd.report} on the shared stream, as agent:qa; returns its id. */
    private String report(String project, String story, String to, String evidence) {
        String id = UUID.randomUUID().toString();
        redis.stream(String.class).xadd(names.stateInStream(), Map.of("event", "{\"v\":1,\"id\":\"" + id
                + "\",\"type\":\"tdd.report\",\"source\":\"agent:qa\",\"data\":{\"story_id\":\"" + story + "\",\"to\":\""
                + to + "\",\"project\":\"" + project + "\"" + evidence + "}}"));
        return id;
    }

    @Test
    void theSameCommandTwiceIsRecordedOnce() {
        String project = client.newProject("once-");
        String id = UUID.randomUUID().toString();
        String epic = StateClient.commandInvoke(id, "/epic", "[\"Only once\"]", project);
        client.publishCommand(epic);
        client.publishCommand(epic);
        await().atMost(StateClient.WAIT).until(() -> !rows("SELECT id FROM workflow.epics WHERE project = $1", project).isEmpty());
        assertThat(rows("SELECT id FROM workflow.processed_events WHERE id = $1", id)).hasSize(1);
        assertThat(client.invoke(project, "/epic", List.of("list")).path("data").path("message").asText())
                .contains("E1 Only once").doesNotContain("E2");
    }

    @Test
    void whilePostgresIsAwayACommandSaysNothingChangedAndNothingDid() throws Exception {
        String project = client.newProject("away-");
        assertOk(client.invoke(project, "/epic", List.of("Before")));
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        try {
            maintenance("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            JsonNode refused = client.invoke(project, "/epic", List.of("Lost"));
            assertThat(refused.path("data").path("ok").asBoolean()).isFalse();
            assertThat(refused.path("data").path("message").asText()).isEqualTo(WorkflowService.CANNOT_SAVE);
            await().atMost(StateClient.WAIT).until(() -> readiness() == 503);
        } finally {
            maintenance("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
        await().atMost(StateClient.WAIT).until(() -> readiness() == 200);
        assertThat(client.invoke(project, "/epic", List.of("list")).path("data").path("message").asText())
                .contains("E1 Before").doesNotContain("Lost");
        assertThat(client.snapshotOf(project).path("epics")).hasSize(1);
        assertOk(client.invoke(project, "/epic", List.of("After")));
        assertThat(rows("SELECT title FROM workflow.epics WHERE project = $1 ORDER BY id", project))
                .extracting(row -> row.getString("title")).containsExactly("Before", "After");
    }

    private int readiness() {
        return RestAssured.given().baseUri(base.toString()).get("/q/health/ready").statusCode();
    }

    private List<Row> rows(String sql, String argument) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(argument)).await().atMost(StateClient.WAIT).forEach(rows::add);
        return rows;
    }

    private void maintenance(String... statements) throws SQLException {
        String maintenanceUrl = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password.orElse(""));
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void assertOk(JsonNode result) {
        assertThat(result.path("data").path("ok").asBoolean()).as(result.toString()).isTrue();
    }
}
