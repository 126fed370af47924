package dev.workflowchat.state.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.infra.TestRunResource;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.state.store.LeaderFence;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The record's writes carry the leader's fencing token: a lone state-broadcaster is up as the
 * leader with the fence claimed, and once another claims the next token (it took the lead while
 * this one was paused past its lease) this one's writes are refused whole; nothing of them is kept.
 * The takeover between processes is {@code StateStandbyIT}'s (chat-service).
 */
@QuarkusTest
@WithTestResource(value = TestRunResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LeaderFenceTest {

    private static final String CLAIM_AS_ANOTHER = """
            UPDATE workflow.leader_fence SET token = token + 1, holder = 'another-state-broadcaster'
            WHERE role = 'state-broadcaster' RETURNING token""";

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    Pool pool;

    @Inject
    LeaderFence fence;

    @Inject
    StateLeadership leadership;

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    java.util.Optional<String> password;

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
    void aLoneStateBroadcasterIsUpAsTheLeaderWithTheRecordsFenceClaimed() {
        assertThat(leadership.acting()).isTrue();
        assertThat(fence.token()).isPositive().isEqualTo(storedToken());
        assertThat(RestAssured.given().baseUri(base.toString()).get("/q/health/ready").asString())
                .containsPattern("\"role\"\\s*:\\s*\"leader\"");
        JsonNode done = client.invoke(client.newProject("lead-"), "/epic", List.of("Applied by the leader"));
        assertThat(done.path("data").path("ok").asBoolean()).as(done.toString()).isTrue();
    }

    @Test
    void onceAnotherClaimedTheNextTokenThisOnesWritesAreRefusedAndNothingOfThemIsKept() {
        String project = client.newProject("fence-");
        assertThat(client.invoke(project, "/epic", List.of("Before")).path("data").path("ok").asBoolean()).isTrue();
        long mine = fence.token();
        long theirs = pool.query(CLAIM_AS_ANOTHER).execute().await().atMost(StateClient.WAIT)
                .iterator().next().getLong("token");
        assertThat(theirs).isGreaterThan(mine);
        try {
            JsonNode refused = client.invoke(project, "/epic", List.of("Fenced"));
            assertThat(refused.path("data").path("ok").asBoolean()).as(refused.toString()).isFalse();
            assertThat(refused.path("data").path("message").asText()).isEqualTo(WorkflowService.CANNOT_SAVE);
            assertThat(epics(project)).containsExactly("Before");
        } finally {
            // the other was never there: this test's process gets its token back for the tests after it
            pool.preparedQuery("UPDATE workflow.leader_fence SET token = $1 WHERE role = 'state-broadcaster'")
                    .execute(Tuple.of(mine)).await().atMost(StateClient.WAIT);
        }
        assertThat(client.invoke(project, "/epic", List.of("After")).path("data").path("ok").asBoolean()).isTrue();
        assertThat(epics(project)).containsExactly("Before", "After");
    }

    /** A leader paused in the middle of a write keeps its transaction, and its lock on the fence, open. */
    @Test
    void aClaimEndsTheOpenWriteOfALeaderThatStandsStillInsteadOfWaitingForIt() throws Exception {
        try (Connection paused = DriverManager.getConnection(jdbcUrl, user, password.orElse(""));
             Statement write = paused.createStatement()) {
            paused.setAutoCommit(false);
            write.execute("SELECT token FROM workflow.leader_fence WHERE role = 'state-broadcaster' FOR SHARE");
            long before = fence.token();
            long claimed = fence.claim("test-takeover", leadership::leading).await().atMost(StateClient.WAIT);
            assertThat(claimed).isGreaterThan(before).isEqualTo(storedToken());
            assertThatThrownBy(() -> write.execute("SELECT 1")).as("the paused write's session is gone")
                    .isInstanceOf(SQLException.class);
        }
        assertThat(leadership.acting()).isTrue();
    }

    private long storedToken() {
        return pool.query("SELECT token FROM workflow.leader_fence WHERE role = 'state-broadcaster'").execute()
                .await().atMost(StateClient.WAIT).iterator().next().getLong("token");
    }

    private List<String> epics(String project) {
        List<String> titles = new ArrayList<>();
        pool.preparedQuery("SELECT title FROM workflow.epics WHERE project = $1 ORDER BY id").execute(Tuple.of(project))
                .await().atMost(StateClient.WAIT).forEach(row -> titles.add(row.getString("title")));
        return titles;
    }
}
