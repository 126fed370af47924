package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Approvals;
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
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The project's mode decides what needs a person, by the request's risk: every cell of mode ×
 * risk waits or is decided by the policy; the request's context is kept and shown; bad context is
 * refused with its reason.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalModesTest {

    private static final List<String> MODES = List.of("strict", "rapid", "flow", "expert", "learning");
    private static final List<String> RISKS = List.of("low", "medium", "high", "critical");
    /** Who decides each cell at once; absent: it waits for a person. */
    private static final Map<String, String> DECIDED = Map.of(
            "rapid/low", "policy:rapid",
            "expert/low", "policy:expert",
            "expert/medium", "policy:expert");

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void everyModeAndRiskWaitsOrIsDecidedAsTheTableSays() {
        Agent agent = new Agent(redis, names);
        Map<String, String> cells = new LinkedHashMap<>();
        for (String mode : MODES) {
            String project = project(mode);
            for (String risk : RISKS) {
                String id = Agent.newId();
                cells.put(mode + "/" + risk, id);
                agent.add(request(id, project, risk, ""));
            }
        }
        // the stream is applied in order: once the last one is decided, every earlier one has been judged
        String sentinel = Agent.newId();
        agent.add(request(sentinel, project("rapid"), "low", ""));
        // not there yet (404) is "not yet": 21 requests may still be on their way in (a busy machine
        // took over 15 s), hence a wider bound than one request's
        await().atMost(Duration.ofSeconds(60)).until(() -> "approved".equals(new Approvals(base, redis, names).status(sentinel)));

        cells.forEach((cell, id) -> {
            JsonNode approval = approval(id);
            String by = DECIDED.get(cell);
            if (by == null) {
                assertThat(approval.path("status").asText()).as(cell).isEqualTo("pending");
            } else {
                assertThat(approval.path("status").asText()).as(cell).isEqualTo("approved");
                assertThat(approval.path("decided_by").asText()).as(cell).isEqualTo(by);
                assertThat(approval.path("comment").asText()).as(cell)
                        .isEqualTo("auto-approved: " + cell.split("/")[1] + " risk, " + cell.split("/")[0] + " mode");
            }
            assertThat(approval.path("risk").asText()).as(cell).isEqualTo(cell.split("/")[1]);
        });
        // the agent hears a policy's decision as any other
        await().atMost(ChatClient.WAIT).until(() -> redis.stream(String.class).xrange(names.agentStream("code"),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).stream()
                .anyMatch(entry -> entry.payload().get("event").contains(cells.get("rapid/low"))
                        && entry.payload().get("event").contains("policy:rapid")));
    }

    @Test
    void theContextIsKeptAndShownOnTheCard() {
        String id = Agent.newId();
        String project = project("strict");
        try (ChatClient client = ChatClient.connect(base, Accounts.approver("reader").token())) {
            client.awaitType("ready");
            new Agent(redis, names).add(request(id, project, "high", ",\"reason\":\"the login is broken in production\","
                    + "\"command\":\"git push origin main\",\"diff\":\"-a\\n+b\",\"story_id\":\"S3\",\"tdd_phase\":\"COMMIT\","
                    + "\"links\":[\"https://ci.example.com/runs/7\"]"));
            JsonNode card = client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && id.equals(frame.path("message").path("metadata").path("approval_id").asText()));
            assertThat(card.path("message").path("content").asText()).contains("🟠 **Risk: high** · story S3 (COMMIT)")
                    .contains("**Why:** the login is broken in production").contains("```sh\ngit push origin main\n```")
                    .contains("```diff\n-a\n+b\n```").contains("<https://ci.example.com/runs/7>");
        }
        JsonNode approval = approval(id);
        assertThat(approval.path("context").path("command").asText()).isEqualTo("git push origin main");
        assertThat(approval.path("context").path("links").get(0).asText()).isEqualTo("https://ci.example.com/runs/7");
        assertThat(approval.path("project").asText()).isEqualTo(project);
    }

    @Test
    void badContextIsRefusedWithItsReason() {
        Agent agent = new Agent(redis, names);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(",\"risk\":\"extreme\"", "risk must be one of low, medium, high, critical");
        refused.put(",\"diff\":\"" + "x".repeat(200_001) + "\"", "too_large: a diff is at most 200000 characters");
        refused.put(",\"links\":[\"ftp://x\"]", "links must be http(s) addresses");
        refused.put(",\"command\":\"rm -rf /\\nreboot\"", "command is one line of at most 2000 characters");
        refused.put(",\"tdd_phase\":\"DANCING\"", "tdd_phase must be one of");
        refused.forEach((extra, reason) -> {
            String id = Agent.newId();
            agent.add(request(id, project("rapid"), "low", extra).replace(",\"risk\":\"low\"" + extra, extra));
            await().atMost(ChatClient.WAIT).until(() -> agent.deadLetterOf(id) != null);
            assertThat(agent.deadLetterOf(id)).contains(reason);
            RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.approver("looker").token())
                    .get("/api/approvals/" + id).then().statusCode(404);
        });
    }

    /** A project in {@code mode}, as the state-broadcaster leaves it in Redis. */
    private String project(String mode) {
        String project = mode + "-" + UUID.randomUUID().toString().substring(0, 8);
        redis.value(String.class).set(names.stateSnapshot(project), "{\"project\":\"" + project + "\",\"mode\":\"" + mode + "\"}");
        return project;
    }

    private static String request(String id, String project, String risk, String extra) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"approval.request\",\"source\":\"agent:code\",\"data\":{"
                + "\"request_type\":\"code_change\",\"title\":\"Change " + id + "\",\"payload\":{},\"project\":\"" + project
                + "\",\"risk\":\"" + risk + "\"" + extra + "}}";
    }

    private JsonNode approval(String id) {
        String body = RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.approver("looker").token())
                .get("/api/approvals/" + id).then().statusCode(200).extract().asString();
        try {
            return ProtocolJson.mapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
