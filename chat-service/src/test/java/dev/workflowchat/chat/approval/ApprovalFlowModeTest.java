package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Approvals;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Flow mode: requests of one agent and type close together make one card with a row each; each is
 * still decided on its own, exactly once, and the agent hears each decision. Learning mode explains.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalFlowModeTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void tenRequestsMakeOneCardAndEachGetsItsOwnDecision() {
        Approvals approvals = new Approvals(base, redis, names);
        Agent agent = new Agent(redis, names);
        String project = approvals.project("flow", 0);
        String approver = Accounts.approver("flowing").token();
        try (ChatClient watcher = ChatClient.connect(base, approver)) {
            watcher.awaitType("ready");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = Agent.newId();
                ids.add(id);
                agent.add(Approvals.request(id, project, i % 2 == 0 ? "low" : "medium", ""));
            }
            await().atMost(ChatClient.WAIT).until(() -> ids.stream().allMatch(id -> approvals.status(id) != null));

            String first = ids.get(0);
            ids.forEach(id -> assertThat(approvals.get(id).path("group_id").asText()).as(id).isEqualTo(first));
            JsonNode group = Approvals.json(RestAssured.given().baseUri(base.toString()).auth().oauth2(approver)
                    .get("/api/approvals?group=" + first).then().statusCode(200).extract().asString());
            assertThat(group).hasSize(10);
            // one card: only the first request has a message; the others are rows of it
            long cards = watcher.framesOfType("message.created").stream()
                    .filter(frame -> ids.contains(frame.path("message").path("metadata").path("approval_id").asText()))
                    .count();
            assertThat(cards).isEqualTo(1);
            await().atMost(ChatClient.WAIT).until(() -> watcher.framesOfType("message.edited").stream()
                    .anyMatch(frame -> frame.path("message").path("content").asText().startsWith("**10 requests from code**")));

            List<String> approved = ids.subList(0, 7);
            List<String> rejected = ids.subList(7, 10);
            JsonNode yes = watcher.awaitAck(watcher.send("approval.respond_many", "approval_ids", approved, "action", "approve"));
            JsonNode no = watcher.awaitAck(watcher.send("approval.respond_many", "approval_ids", rejected, "action", "reject",
                    "comment", "not these"));
            yes.path("results").forEach(result -> assertThat(result.path("result").asText()).isEqualTo("decided"));
            no.path("results").forEach(result -> assertThat(result.path("result").asText()).isEqualTo("decided"));

            await().atMost(ChatClient.WAIT).until(() -> ids.stream().allMatch(id -> approvals.decisionsHeard(id).size() == 1));
            approved.forEach(id -> assertThat(approvals.decisionsHeard(id).get(0).path("data").path("status").asText())
                    .as(id).isEqualTo("approved"));
            rejected.forEach(id -> assertThat(approvals.decisionsHeard(id).get(0).path("data").path("status").asText())
                    .as(id).isEqualTo("rejected"));
            await().atMost(ChatClient.WAIT).until(() -> watcher.framesOfType("message.edited").stream()
                    .anyMatch(frame -> frame.path("message").path("content").asText().contains("all decided")));
        }
    }

    @Test
    void aRequestOfAnotherTypeOrAgentStartsItsOwnGroup() {
        Approvals approvals = new Approvals(base, redis, names);
        Agent agent = new Agent(redis, names);
        String project = approvals.project("flow", 0);
        String first = Agent.newId();
        agent.add(Approvals.request(first, project, "low", ""));
        String other = Agent.newId();
        agent.add(Approvals.request(other, project, "low", "").replace("\"code_change\"", "\"state_transition\""));
        await().atMost(ChatClient.WAIT).until(() -> approvals.status(first) != null && approvals.status(other) != null);
        assertThat(approvals.get(first).path("group_id").asText()).isEqualTo(first);
        assertThat(approvals.get(other).path("group_id").asText()).isEqualTo(other);
    }

    @Test
    void learningModeExplainsWhatEachChoiceDoes() {
        Approvals approvals = new Approvals(base, redis, names);
        String project = approvals.project("learning", 0);
        String id = Agent.newId();
        try (ChatClient watcher = ChatClient.connect(base, Accounts.member("learner").token())) {
            watcher.awaitType("ready");
            new Agent(redis, names).add(Approvals.request(id, project, "low", ""));
            JsonNode card = watcher.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && id.equals(frame.path("message").path("metadata").path("approval_id").asText()));
            assertThat(card.path("message").path("content").asText()).contains("**Approving:** The agent applies the change")
                    .contains("**Why this needs approval:**");
        }
        JsonNode explanation = approvals.get(id).path("explanation");
        assertThat(explanation.path("approve").asText()).contains("applies the change");
        assertThat(explanation.path("reject").asText()).isNotBlank();
        assertThat(explanation.path("why").asText()).isNotBlank();
        assertThat(approvals.status(id)).isEqualTo("pending");
    }
}
