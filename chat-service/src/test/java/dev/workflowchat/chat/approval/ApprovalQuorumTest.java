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
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quorum (each distinct approver once, never the asker, any reject ends it) and bulk decisions (a result per id). */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalQuorumTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    private Approvals approvals;
    private Agent agent;

    @BeforeEach
    void setUp() {
        approvals = new Approvals(base, redis, names);
        agent = new Agent(redis, names);
    }

    @Test
    void aQuorumCountsEachApproverOnceAndDecidesOnTheLast() {
        String project = approvals.project("rapid", 0);
        String id = approvals.asked(project, "low", ",\"required_approvals\":2");
        Accounts.SignedIn ann = Accounts.approver("ann");
        Accounts.SignedIn ben = Accounts.approver("ben");
        try (ChatClient watcher = ChatClient.connect(base, Accounts.member("watcher").token());
             ChatClient annClient = ChatClient.connect(base, ann.token())) {
            watcher.awaitType("ready");
            annClient.awaitType("ready");
            // low risk in rapid mode, yet it asks for two people: no policy decides it
            assertThat(approvals.get(id).path("status").asText()).isEqualTo("pending");
            assertThat(approvals.get(id).path("required_approvals").asInt()).isEqualTo(2);

            JsonNode first = annClient.awaitAck(annClient.send("approval.respond", "approval_id", id, "action", "approve",
                    "comment", "looks right"));
            assertThat(first.path("approval").path("status").asText()).isEqualTo("pending");
            assertThat(first.path("approval").path("votes").get(0).path("by").asText()).isEqualTo(ann.username());
            JsonNode updated = watcher.awaitFrame(frame -> "approval.updated".equals(frame.path("type").asText())
                    && id.equals(frame.path("approval").path("approval_id").asText()));
            assertThat(updated.path("approval").path("votes")).hasSize(1);
            JsonNode card = watcher.awaitFrame(frame -> "message.edited".equals(frame.path("type").asText())
                    && id.equals(frame.path("message").path("metadata").path("approval_id").asText()));
            assertThat(card.path("message").path("content").asText()).contains("1 of 2 approvals (" + ann.username() + ")");

            JsonNode twice = annClient.awaitError(annClient.send("approval.respond", "approval_id", id, "action", "approve"));
            assertThat(twice.path("code").asText()).isEqualTo("conflict");
            assertThat(approvals.decisionsHeard(id)).isEmpty();

            approvals.post(ben.token(), "/api/approvals/" + id + "/decision", "{\"action\":\"approve\"}")
                    .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("approved"))
                    .body("decided_by", org.hamcrest.Matchers.equalTo(ben.username()));
            await().atMost(ChatClient.WAIT).until(() -> approvals.decisionsHeard(id).size() == 1);
            assertThat(approvals.decisionsHeard(id).get(0).path("data").path("votes")).hasSize(2);
        }
    }

    @Test
    void anyRejectEndsAQuorumAndTheAskerNeverCounts() {
        String project = approvals.project("strict", 0);
        String id = approvals.asked(project, "high", ",\"required_approvals\":3");
        String ann = Accounts.approver("vote").token();
        approvals.post(ann, "/api/approvals/" + id + "/decision", "{\"action\":\"approve\"}").then().statusCode(200);
        approvals.post(Accounts.approver("nay").token(), "/api/approvals/" + id + "/decision",
                "{\"action\":\"reject\",\"comment\":\"not this week\"}").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("rejected"));
        approvals.post(Accounts.approver("late").token(), "/api/approvals/" + id + "/decision", "{\"action\":\"approve\"}")
                .then().statusCode(409);

        // a person who asked with /parallel does not approve their own request
        Accounts.SignedIn asker = Accounts.approver("asker");
        try (ChatClient client = ChatClient.connect(base, asker.token())) {
            client.awaitType("ready");
            JsonNode asked = client.awaitAnswer(client.send("message.send", "channel", "general", "content",
                    "/parallel \"one\" \"two\""));
            String parallel = asked.path("message").asText().replaceAll("(?s).*approval `([^`]+)`.*", "$1");
            JsonNode own = client.awaitError(client.send("approval.respond", "approval_id", parallel, "action", "approve"));
            assertThat(own.path("code").asText()).isEqualTo("forbidden");
            assertThat(approvals.status(parallel)).isEqualTo("pending");
        }
    }

    @Test
    void badTermsAreRefusedWithTheirReason() {
        String project = approvals.project("strict", 0);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(",\"required_approvals\":0", "required_approvals must be 1 to 5");
        refused.put(",\"required_approvals\":99", "required_approvals must be 1 to 5");
        refused.put(",\"required_approvals\":\"two\"", "required_approvals must be 1 to 5");
        refused.put(",\"on_expiry\":\"approve\"", "on_expiry approve is allowed only for low risk");
        refused.put(",\"on_expiry\":\"shrug\"", "on_expiry must be reject or approve");
        refused.put(",\"escalate_to\":\"role:root\"", "escalate_to must be a username or role:admin");
        refused.forEach((extra, reason) -> {
            String id = Agent.newId();
            agent.add(Approvals.request(id, project, "high", extra));
            assertThat(agent.deadLetterOf(id)).as(extra).contains(reason);
            assertThat(approvals.status(id)).as(extra).isNull();
        });
    }

    @Test
    void aBulkDecisionDecidesEachIdOnceAndSaysWhatBecameOfIt() {
        String project = approvals.project("strict", 0);
        String open = approvals.asked(project, "medium", "");
        String decided = approvals.asked(project, "medium", "");
        String quorum = approvals.asked(project, "medium", ",\"required_approvals\":2");
        String approver = Accounts.approver("bulk").token();
        approvals.post(approver, "/api/approvals/" + decided + "/decision", "{\"action\":\"approve\"}").then().statusCode(200);

        JsonNode results = Approvals.json(approvals.post(approver, "/api/approvals/decisions",
                        "{\"approval_ids\":[\"" + open + "\",\"" + decided + "\",\"no-such-approval\",\"" + open + "\",\""
                                + quorum + "\"],\"action\":\"approve\"}")
                .then().statusCode(200).extract().asString()).path("results");
        List<String> outcome = new ArrayList<>();
        results.forEach(result -> outcome.add(result.path("result").asText()));
        assertThat(outcome).containsExactly("decided", "conflict", "not_found", "conflict", "voted");
        assertThat(approvals.status(open)).isEqualTo("approved");
        await().atMost(ChatClient.WAIT).until(() -> approvals.decisionsHeard(open).size() == 1);

        // members may not, an empty or oversized call is refused whole, modify is one at a time
        approvals.post(Accounts.member("bulky").token(), "/api/approvals/decisions",
                "{\"approval_ids\":[\"" + quorum + "\"],\"action\":\"approve\"}").then().statusCode(403);
        StringBuilder many = new StringBuilder("{\"action\":\"approve\",\"approval_ids\":[");
        for (int i = 0; i < 1_001; i++) {
            many.append(i == 0 ? "" : ",").append("\"id-").append(i).append('"');
        }
        approvals.post(approver, "/api/approvals/decisions", many.append("]}").toString()).then().statusCode(400);
        approvals.post(approver, "/api/approvals/decisions", "{\"approval_ids\":[],\"action\":\"approve\"}").then().statusCode(400);
        approvals.post(approver, "/api/approvals/decisions", "{\"approval_ids\":[\"" + quorum + "\"],\"action\":\"modify\"}")
                .then().statusCode(400);
        approvals.post(approver, "/api/approvals/decisions", "{\"approval_ids\":[\"" + quorum + "\"],\"action\":\"reject\"}")
                .then().statusCode(400);
        assertThat(approvals.get(quorum).path("votes")).hasSize(1);

        // the same over the WebSocket
        String more = approvals.asked(project, "low", "");
        try (ChatClient client = ChatClient.connect(base, Accounts.approver("socket").token())) {
            client.awaitType("ready");
            JsonNode ack = client.awaitAck(client.send("approval.respond_many", "approval_ids", List.of(more, open),
                    "action", "reject", "comment", "not now"));
            assertThat(ack.path("results").get(0).path("result").asText()).isEqualTo("decided");
            assertThat(ack.path("results").get(1).path("result").asText()).isEqualTo("conflict");
            JsonNode tooMany = client.awaitError(client.send("approval.respond_many", "approval_ids", List.of(),
                    "action", "approve"));
            assertThat(tooMany.path("code").asText()).isEqualTo("bad_request");
        }
        assertThat(approvals.status(more)).isEqualTo("rejected");
    }
}
