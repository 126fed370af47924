package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents ask, people decide, agents hear the answer; nothing is decided twice. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalFlowTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    private Agent agent;

    @BeforeEach
    void setUp() {
        agent = new Agent(redis, names);
    }

    @Test
    void anAgentAsksAPersonApprovesAndTheAgentHearsIt() {
        String id = Agent.newId();
        Accounts.SignedIn approver = Accounts.approver("ann");
        List<String> heardLive = new java.util.concurrent.CopyOnWriteArrayList<>();
        var listening = redis.pubsub(String.class).subscribe(names.agent("code"), heardLive::add);
        try (ChatClient client = ChatClient.connect(base, approver.token())) {
            agent.add(Agent.approvalRequest(id, "code", "code_change", "Refactor auth",
                    "{\"files\":[\"auth.py\"],\"diff\":\"-a\\n+b\"}", 600));

            JsonNode requested = client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && id.equals(frame.path("approval").path("approval_id").asText()));
            assertThat(requested.path("approval").path("status").asText()).isEqualTo("pending");
            assertThat(requested.path("approval").path("requested_by").asText()).isEqualTo("code");
            assertThat(requested.path("approval").path("channel").asText()).isEqualTo("workflow");
            JsonNode message = client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && id.equals(frame.path("message").path("metadata").path("approval_id").asText()));
            assertThat(message.path("message").path("metadata").path("type").asText()).isEqualTo("approval_request");
            assertThat(message.path("message").path("content").asText()).contains("Refactor auth").contains("```diff");

            JsonNode ack = client.awaitAck(client.send("approval.respond", "approval_id", id, "action", "approve",
                    "comment", "looks good"));
            assertThat(ack.path("approval").path("status").asText()).isEqualTo("approved");

            JsonNode decided = client.awaitFrame(frame -> "approval.decided".equals(frame.path("type").asText())
                    && id.equals(frame.path("approval").path("approval_id").asText()));
            assertThat(decided.path("approval").path("decided_by").asText()).isEqualTo(approver.username());
            JsonNode shown = client.awaitFrame(frame -> "message.edited".equals(frame.path("type").asText())
                    && id.equals(frame.path("message").path("metadata").path("approval_id").asText()));
            assertThat(shown.path("message").path("content").asText()).contains("Approved").contains(approver.username())
                    .contains("looks good");
            assertThat(shown.path("message").path("metadata").path("status").asText()).isEqualTo("approved");
        }
        await().atMost(ChatClient.WAIT).until(() -> heardLive.stream()
                .anyMatch(event -> event.contains("approval.decided") && event.contains(id)));
        listening.unsubscribe();
        await().atMost(ChatClient.WAIT).until(() -> decisionsFor("code", id).size() == 1);
        JsonNode heard = decisionsFor("code", id).get(0);
        assertThat(heard.path("data").path("status").asText()).isEqualTo("approved");
        assertThat(heard.path("data").path("requested_by").asText()).isEqualTo("code");

        RestAssured.given().auth().oauth2(approver.token()).get("/api/approvals/{id}", id)
                .then().statusCode(200)
                .body("status", equalTo("approved"))
                .body("decided_by", equalTo(approver.username()))
                .body("decided_at", notNullValue())
                .body("comment", equalTo("looks good"))
                .body("payload.files[0]", equalTo("auth.py"));
    }

    @Test
    void aSecondDecisionIsAConflictAndIsNotAnnouncedTwice() {
        String id = request("Double click", 600);
        String token = Accounts.approver("bo").token();
        decide(token, id, Map.of("action", "approve")).then().statusCode(200);
        decide(token, id, Map.of("action", "reject", "comment", "changed my mind"))
                .then().statusCode(409).body("code", equalTo("conflict"));
        try (ChatClient client = ChatClient.connect(base, token)) {
            JsonNode error = client.awaitError(client.send("approval.respond", "approval_id", id, "action", "approve"));
            assertThat(error.path("code").asText()).isEqualTo("conflict");
        }
        await().atMost(ChatClient.WAIT).until(() -> decisionsFor("code", id).size() == 1);
        RestAssured.given().auth().oauth2(token).get("/api/approvals/{id}", id)
                .then().body("status", equalTo("approved"));
    }

    @Test
    void membersMayNotDecideAndBadDecisionsChangeNothing() {
        String id = request("Guarded", 600);
        String member = Accounts.member("mo").token();
        decide(member, id, Map.of("action", "approve")).then().statusCode(403).body("code", equalTo("forbidden"));
        try (ChatClient client = ChatClient.connect(base, member)) {
            assertThat(client.awaitError(client.send("approval.respond", "approval_id", id, "action", "approve"))
                    .path("code").asText()).isEqualTo("forbidden");
        }
        String approver = Accounts.approver("al").token();
        decide(approver, id, Map.of("action", "reject")).then().statusCode(400);
        decide(approver, id, Map.of("action", "modify")).then().statusCode(400);
        decide(approver, id, Map.of("action", "shrug")).then().statusCode(400);
        decide(approver, "no-such-approval", Map.of("action", "approve")).then().statusCode(404);
        RestAssured.given().auth().oauth2(approver).get("/api/approvals/{id}", id)
                .then().body("status", equalTo("pending"));
    }

    @Test
    void modifyApprovesWithTheChangedPayloadBesideTheOriginal() {
        String id = request("Tweak it", 600);
        String token = Accounts.approver("mia").token();
        decide(token, id, Map.of("action", "modify", "comment", "only one file",
                "modifications", Map.of("files", List.of("auth.py")))).then().statusCode(200)
                .body("status", equalTo("approved"))
                .body("modifications.files[0]", equalTo("auth.py"))
                .body("payload.files.size()", equalTo(2));
        await().atMost(ChatClient.WAIT).until(() -> decisionsFor("code", id).size() == 1);
        assertThat(decisionsFor("code", id).get(0).path("data").path("modifications").path("files").get(0).asText())
                .isEqualTo("auth.py");
    }

    @Test
    void slashCommandsListApproveAndReject() {
        String first = request("First of two", 600);
        String second = request("Second of two", 600);
        String third = request("To be rejected", 600);
        String token = Accounts.approver("cmd").token();
        try (ChatClient client = ChatClient.connect(base, token)) {
            JsonNode list = client.awaitAnswer(client.send("message.send", "channel", "workflow", "content", "/approve"));
            assertThat(list.path("type").asText()).isEqualTo("command.result");
            assertThat(list.path("ok").asBoolean()).isTrue();
            assertThat(list.path("message").asText()).contains(first).contains(second).contains(third);

            JsonNode approved = client.awaitAnswer(client.send("message.send", "channel", "workflow",
                    "content", "/approve " + first + " " + second));
            assertThat(approved.path("ok").asBoolean()).isTrue();
            assertThat(approved.path("message").asText()).contains(first + "` approved").contains(second + "` approved");

            JsonNode noReason = client.awaitAnswer(client.send("message.send", "channel", "workflow",
                    "content", "/reject " + third));
            assertThat(noReason.path("ok").asBoolean()).isFalse();
            JsonNode rejected = client.awaitAnswer(client.send("message.send", "channel", "workflow",
                    "content", "/reject " + third + " \"no tests, no merge\""));
            assertThat(rejected.path("ok").asBoolean()).isTrue();

            // no state-broadcaster runs in this test: a workflow command is told so, and nothing changes
            JsonNode unanswered = client.awaitAnswer(client.send("message.send", "channel", "workflow", "content", "/epic \"x\""));
            assertThat(unanswered.path("ok").asBoolean()).isFalse();
            assertThat(unanswered.path("message").asText())
                    .isEqualTo("The workflow service is not answering; nothing was changed.");
        }
        RestAssured.given().auth().oauth2(token).get("/api/approvals/{id}", third)
                .then().body("status", equalTo("rejected")).body("comment", equalTo("no tests, no merge"));
        RestAssured.given().auth().oauth2(token).queryParam("status", "approved").get("/api/approvals")
                .then().statusCode(200).body("approval_id", hasItem(first)).body("approval_id", hasItem(second));
        RestAssured.given().auth().oauth2(token).queryParam("status", "maybe").get("/api/approvals")
                .then().statusCode(400);
    }

    @Test
    void theRequestingAgentMayCancelAndReadyCarriesWhatIsPending() {
        String kept = request("Still pending", 600);
        String cancelled = request("Withdrawn", 600);
        agent.add(Agent.approvalCancel(Agent.newId(), "design", cancelled)); // not the requester: refused
        agent.add(Agent.approvalCancel(Agent.newId(), "code", cancelled));
        await().atMost(ChatClient.WAIT).until(() -> decisionsFor("code", cancelled).size() == 1);
        assertThat(decisionsFor("code", cancelled).get(0).path("data").path("status").asText()).isEqualTo("cancelled");
        try (ChatClient client = ChatClient.connect(base, Accounts.member("ready").token())) {
            List<String> pending = client.awaitType("ready").path("approvals").findValuesAsText("approval_id");
            assertThat(pending).contains(kept).doesNotContain(cancelled);
        }
    }

    @Test
    void anApprovalNobodyDecidesExpiresOnTime() {
        String id = request("Quick one", 10);
        String token = Accounts.member("late").token();
        RestAssured.given().auth().oauth2(token).get("/api/approvals/{id}", id).then().body("status", equalTo("pending"));
        await().atMost(Duration.ofSeconds(25)).until(() -> decisionsFor("code", id).size() == 1);
        JsonNode expired = decisionsFor("code", id).get(0);
        assertThat(expired.path("data").path("status").asText()).isEqualTo("expired");
        assertThat(expired.path("data").path("decided_by").asText()).isEqualTo("system");
        decide(Accounts.approver("tardy").token(), id, Map.of("action", "approve")).then().statusCode(409);
    }

    private String request(String title, int expiresInSeconds) {
        String id = Agent.newId();
        agent.add(Agent.approvalRequest(id, "code", "code_change", title,
                "{\"files\":[\"auth.py\",\"auth_test.py\"]}", expiresInSeconds));
        String token = Accounts.member("watch").token();
        await().atMost(ChatClient.WAIT).until(() ->
                RestAssured.given().auth().oauth2(token).get("/api/approvals/{id}", id).statusCode() == 200);
        return id;
    }

    private static io.restassured.response.Response decide(String token, String id, Map<String, Object> body) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/approvals/{id}/decision", id);
    }

    private List<JsonNode> decisionsFor(String agentName, String approvalId) {
        return redis.stream(String.class).xrange(names.agentStream(agentName), StreamRange.of("-", "+")).stream()
                .map(entry -> read(entry.payload().get("event")))
                .filter(event -> "approval.decided".equals(event.path("type").asText())
                        && approvalId.equals(event.path("data").path("approval_id").asText()))
                .toList();
    }

    private static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
