package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every decision (a person's, a policy's, an expiry's, an agent's cancel) is an entry of a hash
 * chain that approvers read as JSON or CSV; the chain verifies, concurrent decisions don't fork it,
 * and an entry altered in the database is pointed at.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalAuditTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Test
    void everyDecisionIsAnEntryOfAChainThatVerifies() {
        Agent agent = new Agent(redis, names);
        String project = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        redis.value(String.class).set(names.stateSnapshot(project), "{\"project\":\"" + project + "\",\"mode\":\"rapid\"}");
        String byPolicy = ask(agent, project, "low");
        String modified = ask(agent, project, "high");
        String rejected = ask(agent, project, "high");
        String cancelled = ask(agent, project, "high");
        Accounts.SignedIn approver = Accounts.approver("auditor");
        await().atMost(ChatClient.WAIT).until(() -> "approved".equals(approval(byPolicy).path("status").asText())
                && "pending".equals(approval(cancelled).path("status").asText()));
        decide(approver, modified, Map.of("action", "modify", "comment", "smaller", "modifications", Map.of("files", List.of("a"))));
        decide(approver, rejected, Map.of("action", "reject", "comment", "not now"));
        agent.add(Agent.approvalCancel(Agent.newId(), "code", cancelled));
        await().atMost(ChatClient.WAIT).until(() -> "cancelled".equals(approval(cancelled).path("status").asText()));

        JsonNode entries = read(as(approver).queryParam("project", project).get("/api/approvals/audit")
                .then().statusCode(200).extract().asString());
        assertThat(entries).hasSize(4);
        assertThat(StreamSupport.stream(entries.spliterator(), false).map(entry -> entry.path("decided_by").asText()))
                .containsExactlyInAnyOrder("policy:rapid", approver.username(), approver.username(), "code");
        JsonNode policyEntry = read(entries.get(0).path("entry").asText());
        assertThat(policyEntry.path("approval_id").asText()).isEqualTo(byPolicy);
        assertThat(policyEntry.path("how").asText()).isEqualTo("policy");
        JsonNode modifiedEntry = StreamSupport.stream(entries.spliterator(), false)
                .filter(entry -> modified.equals(entry.path("approval_id").asText())).findFirst().orElseThrow();
        assertThat(read(modifiedEntry.path("entry").asText()).path("modifications").path("files").get(0).asText()).isEqualTo("a");

        String csv = as(approver).queryParam("project", project).queryParam("format", "csv").get("/api/approvals/audit")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv.lines().toList()).hasSize(5).first().asString().startsWith("seq,approval_id,project,agent");
        assertThat(verdict(approver).path("intact").asBoolean()).isTrue();
    }

    @Test
    void concurrentDecisionsDoNotForkTheChainAndAnAlteredEntryIsFound() throws Exception {
        Agent agent = new Agent(redis, names);
        List<String> ids = new ArrayList<>();
        IntStream.range(0, 10).forEach(i -> ids.add(ask(agent, "default", "high")));
        Accounts.SignedIn approver = Accounts.approver("racer");
        await().atMost(ChatClient.WAIT).until(() -> ids.stream().allMatch(id -> approval(id).has("status")));
        CompletableFuture.allOf(ids.stream().map(id -> CompletableFuture.runAsync(() ->
                decide(approver, id, Map.of("action", "approve")))).toArray(CompletableFuture[]::new)).join();
        JsonNode verdict = verdict(approver);
        assertThat(verdict.path("intact").asBoolean()).as(verdict.toString()).isTrue();

        long seq;
        String original;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password.orElse(""));
             Statement statement = connection.createStatement()) {
            var row = statement.executeQuery("SELECT seq, entry FROM approval_audit WHERE approval_id = '" + ids.get(3) + "'");
            row.next();
            seq = row.getLong(1);
            original = row.getString(2);
            // the table refuses a change outright
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE approval_audit SET decided_by = 'nobody' WHERE seq = " + seq))
                    .isInstanceOf(SQLException.class).hasMessageContaining("never changed or removed");
            // someone who can get round that (a superuser without triggers) alters one
            statement.execute("SET session_replication_role = replica");
            statement.executeUpdate("UPDATE approval_audit SET entry = replace(entry, '\"approved\"', '\"rejected\"') WHERE seq = " + seq);
            statement.execute("SET session_replication_role = DEFAULT");
        }
        JsonNode broken = verdict(approver);
        assertThat(broken.path("intact").asBoolean()).isFalse();
        assertThat(broken.path("broken_at").asLong()).isEqualTo(seq);
        assertThat(broken.path("broken_approval_id").asText()).isEqualTo(ids.get(3));
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password.orElse(""));
             Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            try (var put = connection.prepareStatement("UPDATE approval_audit SET entry = ? WHERE seq = ?")) {
                put.setString(1, original);
                put.setLong(2, seq);
                put.executeUpdate();
            }
        }
        assertThat(verdict(approver).path("intact").asBoolean()).isTrue();
    }

    @Test
    void onlyApproversReadItAndBadParametersAreSaidSo() {
        String member = Accounts.member("curious").token();
        RestAssured.given().baseUri(base.toString()).auth().oauth2(member).get("/api/approvals/audit").then().statusCode(403);
        RestAssured.given().baseUri(base.toString()).auth().oauth2(member).get("/api/approvals/audit/verify").then().statusCode(403);
        Accounts.SignedIn approver = Accounts.approver("picky");
        as(approver).queryParam("since", "yesterday").get("/api/approvals/audit").then().statusCode(400);
        as(approver).queryParam("format", "xml").get("/api/approvals/audit").then().statusCode(400);
    }

    private String ask(Agent agent, String project, String risk) {
        String id = Agent.newId();
        agent.add("{\"v\":1,\"id\":\"" + id + "\",\"type\":\"approval.request\",\"source\":\"agent:code\",\"data\":{"
                + "\"request_type\":\"code_change\",\"title\":\"Audit " + id + "\",\"payload\":{\"files\":[\"a\",\"b\"]},"
                + "\"project\":\"" + project + "\",\"risk\":\"" + risk + "\"}}");
        return id;
    }

    private void decide(Accounts.SignedIn approver, String id, Map<String, Object> body) {
        as(approver).contentType("application/json").header("Origin", base.toString().replaceAll("/$", ""))
                .body(body).post("/api/approvals/" + id + "/decision").then().statusCode(200);
    }

    private JsonNode verdict(Accounts.SignedIn approver) {
        return read(as(approver).get("/api/approvals/audit/verify").then().statusCode(200).extract().asString());
    }

    private JsonNode approval(String id) {
        var response = as(Accounts.approver("looker")).get("/api/approvals/" + id);
        return response.statusCode() == 200 ? read(response.asString()) : ProtocolJson.mapper().createObjectNode();
    }

    private RequestSpecification as(Accounts.SignedIn someone) {
        return RestAssured.given().baseUri(base.toString()).auth().oauth2(someone.token());
    }

    private static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
