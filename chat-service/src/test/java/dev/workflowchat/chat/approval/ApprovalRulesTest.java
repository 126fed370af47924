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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What needs a person, the whole table: mode × risk × (no rule, a standing rule, a standing rule
 * and an ask-list entry) → waits, or decided by whom. Rules made from a card, revoked, and refused.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalRulesTest {

    private static final List<String> MODES = List.of("strict", "rapid", "flow", "expert", "learning");
    private static final List<String> RISKS = List.of("low", "medium", "high", "critical");
    private static final List<String> RULES = List.of("none", "rule", "rule+ask");
    private static final String COMMAND = ",\"command\":\"npm test --all\"";

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    private Approvals approvals;

    @BeforeEach
    void setUp() {
        approvals = new Approvals(base, redis, names);
    }

    @Test
    void everyModeRiskAndRuleWaitsOrIsDecidedAsTheTableSays() {
        String approver = Accounts.approver("ruler").token();
        Agent agent = new Agent(redis, names);
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, String> ruleOf = new LinkedHashMap<>();
        for (String mode : MODES) {
            for (String rules : RULES) {
                String project = approvals.project(mode, 0);
                if (!"none".equals(rules)) {
                    ruleOf.put(project, approvals.rule(approver, "{\"kind\":\"allow\",\"project\":\"" + project
                            + "\",\"agent\":\"code\",\"request_type\":\"code_change\",\"command_prefix\":\"npm test\","
                            + "\"max_risk\":\"high\",\"until\":\"revoked\"}"));
                }
                if ("rule+ask".equals(rules)) {
                    approvals.rule(Accounts.admin().token(), "{\"kind\":\"ask\",\"project\":\"" + project
                            + "\",\"pattern\":\"TEST --ALL\"}");
                }
                for (String risk : RISKS) {
                    String id = Agent.newId();
                    cells.put(mode + "/" + risk + "/" + rules + "/" + project, id);
                    agent.add(Approvals.request(id, project, risk, COMMAND));
                }
            }
        }
        // the stream is applied in order: once the last one is decided, every earlier one has been judged
        String sentinel = Agent.newId();
        agent.add(Approvals.request(sentinel, approvals.project("rapid", 0), "low", ""));
        await().atMost(ChatClient.WAIT).until(() -> "approved".equals(approvals.status(sentinel)));

        cells.forEach((cell, id) -> {
            String[] parts = cell.split("/");
            String expected = expectedDecider(parts[0], parts[1], parts[2], ruleOf.get(parts[3]));
            JsonNode approval = approvals.get(id);
            if (expected == null) {
                assertThat(approval.path("status").asText()).as(cell).isEqualTo("pending");
            } else {
                assertThat(approval.path("status").asText()).as(cell).isEqualTo("approved");
                assertThat(approval.path("decided_by").asText()).as(cell).isEqualTo(expected);
            }
            assertThat(approval.path("mode").asText()).as(cell).isEqualTo(parts[0]);
        });
    }

    /** The table, written out: null means the request waits for a person. */
    private static String expectedDecider(String mode, String risk, String rules, String ruleId) {
        if ("critical".equals(risk) || "rule+ask".equals(rules)) {
            return null;
        }
        if ("rule".equals(rules)) {
            return "rule:" + ruleId;
        }
        return switch (mode) {
            case "rapid" -> "low".equals(risk) ? "policy:rapid" : null;
            case "expert" -> "low".equals(risk) || "medium".equals(risk) ? "policy:expert" : null;
            default -> null;
        };
    }

    @Test
    void approveAndDontAskAgainMakesARuleThatDecidesTheNextOneUntilRevoked() {
        Accounts.SignedIn approver = Accounts.approver("remember");
        String project = approvals.project("strict", 4);
        Agent agent = new Agent(redis, names);
        String first = Agent.newId();
        agent.add(Approvals.request(first, project, "medium", ",\"command\":\"npm run lint --fix\""));
        await().atMost(ChatClient.WAIT).until(() -> approvals.status(first) != null);

        approvals.post(approver.token(), "/api/approvals/" + first + "/decision",
                        "{\"action\":\"approve\",\"remember\":{\"until\":\"sprint\",\"command_prefix\":\"npm run lint\"}}")
                .then().statusCode(200);
        JsonNode rule = Approvals.json(RestAssured.given().baseUri(base.toString()).auth().oauth2(approver.token())
                .get("/api/approval-rules?project=" + project).then().statusCode(200).extract().asString()).get(0);
        assertThat(rule.path("approval_id").asText()).isEqualTo(first);
        assertThat(rule.path("until").asText()).isEqualTo("sprint");
        assertThat(rule.path("sprint").asInt()).isEqualTo(4);
        assertThat(rule.path("max_risk").asText()).isEqualTo("medium");
        String ruleId = rule.path("rule_id").asText();

        String second = Agent.newId();
        agent.add(Approvals.request(second, project, "low", ",\"command\":\"npm run lint src\""));
        String riskier = Agent.newId();
        agent.add(Approvals.request(riskier, project, "high", ",\"command\":\"npm run lint src\""));
        String otherCommand = Agent.newId();
        agent.add(Approvals.request(otherCommand, project, "low", ",\"command\":\"npm publish\""));
        await().atMost(ChatClient.WAIT).until(() -> "approved".equals(approvals.status(second)));
        JsonNode decided = approvals.get(second);
        assertThat(decided.path("decided_by").asText()).isEqualTo("rule:" + ruleId);
        assertThat(decided.path("rule_id").asText()).isEqualTo(ruleId);
        assertThat(approvals.status(riskier)).isEqualTo("pending");
        assertThat(approvals.status(otherCommand)).isEqualTo("pending");
        // the agent hears which rule decided
        await().atMost(ChatClient.WAIT).until(() -> !approvals.decisionsHeard(second).isEmpty());
        assertThat(approvals.decisionsHeard(second).get(0).path("data").path("rule_id").asText()).isEqualTo(ruleId);

        // revoked: the next one waits; what the rule decided stays decided and names it
        RestAssured.given().baseUri(base.toString()).auth().oauth2(approver.token())
                .delete("/api/approval-rules/" + ruleId).then().statusCode(204);
        String third = Agent.newId();
        agent.add(Approvals.request(third, project, "low", ",\"command\":\"npm run lint src\""));
        await().atMost(ChatClient.WAIT).until(() -> approvals.status(third) != null);
        assertThat(approvals.status(third)).isEqualTo("pending");
        assertThat(approvals.get(second).path("rule_id").asText()).isEqualTo(ruleId);
        RestAssured.given().baseUri(base.toString()).auth().oauth2(approver.token())
                .delete("/api/approval-rules/" + ruleId).then().statusCode(404);
    }

    @Test
    void rulesThatWouldMatchTooMuchOrComeFromTheWrongPersonAreRefused() {
        String approver = Accounts.approver("strictly").token();
        String other = Accounts.approver("another").token();
        String member = Accounts.member("nobody").token();
        String project = approvals.project("strict", 0);
        String allow = "{\"kind\":\"allow\",\"project\":\"" + project + "\",\"agent\":\"code\",\"request_type\":\"code_change\"";
        Map<String, Integer> refused = new LinkedHashMap<>();
        refused.put(allow + ",\"command_prefix\":\"\"}", 400);
        refused.put(allow + ",\"command_prefix\":\"*\"}", 400);
        refused.put(allow + ",\"command_prefix\":\"git *\"}", 400);
        refused.put(allow + ",\"max_risk\":\"critical\"}", 400);
        refused.put(allow + ",\"until\":\"sprint\"}", 400); // no sprint runs
        refused.put(allow + ",\"until\":\"forever\"}", 400);
        refused.put("{\"kind\":\"ask\",\"project\":\"" + project + "\",\"pattern\":\"git push\"}", 403); // approvers don't keep the ask-list
        refused.put("{\"kind\":\"ask\",\"project\":\"" + project + "\",\"pattern\":\"!\"}", 400);
        refused.put("{\"kind\":\"sometimes\"}", 400);
        refused.forEach((body, status) -> approvals.post(approver, "/api/approval-rules", body).then().statusCode(status));
        approvals.post(member, "/api/approval-rules", allow + "}").then().statusCode(403);
        approvals.post(Accounts.admin().token(), "/api/approval-rules",
                "{\"kind\":\"ask\",\"project\":\"" + project + "\",\"pattern\":\"*\"}").then().statusCode(400);
        // nothing of that was kept
        assertThat(Approvals.json(RestAssured.given().baseUri(base.toString()).auth().oauth2(approver)
                .get("/api/approval-rules?project=" + project).then().statusCode(200).extract().asString())).isEmpty();

        String mine = approvals.rule(approver, allow + "}");
        RestAssured.given().baseUri(base.toString()).auth().oauth2(other).delete("/api/approval-rules/" + mine)
                .then().statusCode(403);
        RestAssured.given().baseUri(base.toString()).auth().oauth2(member).delete("/api/approval-rules/" + mine)
                .then().statusCode(403);
        RestAssured.given().baseUri(base.toString()).auth().oauth2(member).get("/api/approval-rules").then().statusCode(403);
        RestAssured.given().baseUri(base.toString()).auth().oauth2(approver).delete("/api/approval-rules/R999999999")
                .then().statusCode(404);
        RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.admin().token())
                .delete("/api/approval-rules/" + mine).then().statusCode(204);

        // no rule is made from a critical card
        String critical = Agent.newId();
        new Agent(redis, names).add(Approvals.request(critical, project, "critical", ""));
        await().atMost(ChatClient.WAIT).until(() -> approvals.status(critical) != null);
        approvals.post(approver, "/api/approvals/" + critical + "/decision",
                "{\"action\":\"approve\",\"remember\":{\"until\":\"revoked\"}}").then().statusCode(400);
        assertThat(approvals.status(critical)).isEqualTo("pending");
    }

    @Test
    void theRulesCommandListsRevokesAndKeepsTheAskList() {
        Accounts.SignedIn approver = Accounts.approver("typist");
        try (ChatClient client = ChatClient.connect(base, approver.token());
             ChatClient admin = ChatClient.connect(base, Accounts.admin().token())) {
            client.awaitType("ready");
            admin.awaitType("ready");
            String made = approvals.rule(approver.token(), "{\"kind\":\"allow\",\"agent\":\"code\","
                    + "\"request_type\":\"code_change\",\"command_prefix\":\"make check\"}");
            JsonNode listed = client.awaitAnswer(client.send("message.send", "channel", "general", "content", "/rules"));
            assertThat(listed.path("message").asText()).contains(made).contains("make check").contains("until revoked");

            JsonNode notYours = client.awaitAnswer(client.send("message.send", "channel", "general", "content",
                    "/rules ask \"git push\""));
            assertThat(notYours.path("ok").asBoolean()).isFalse();
            assertThat(notYours.path("message").asText()).contains("only admins");
            JsonNode asked = admin.awaitAnswer(admin.send("message.send", "channel", "general", "content",
                    "/rules ask \"git push\""));
            assertThat(asked.path("ok").asBoolean()).as(asked.toString()).isTrue();
            assertThat(asked.path("message").asText()).contains("git push");

            JsonNode revoked = client.awaitAnswer(client.send("message.send", "channel", "general", "content",
                    "/rules revoke " + made));
            assertThat(revoked.path("ok").asBoolean()).as(revoked.toString()).isTrue();
            JsonNode again = client.awaitAnswer(client.send("message.send", "channel", "general", "content",
                    "/rules revoke " + made));
            assertThat(again.path("ok").asBoolean()).isFalse();
        }
    }
}
