package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Approvals;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request nobody decides: a reminder at half its lifetime mentioning the approvers, an escalation
 * at three quarters (a DM to the one named, approval.escalated for the bridge), then what on_expiry
 * says. Short lifetimes (10 s); the expiry job checks every second in tests.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalRemindersTest {

    private static final Duration LIFETIME = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void silenceRemindsThenEscalatesThenRejects() {
        Approvals approvals = new Approvals(base, redis, names);
        Accounts.SignedIn boss = Accounts.approver("boss");
        Accounts.SignedIn helper = Accounts.approver("helper");
        String project = approvals.project("strict", 0);
        String id = Agent.newId();
        new Agent(redis, names).add(Approvals.request(id, project, "high",
                ",\"expires_in_s\":10,\"escalate_to\":\"" + boss.username() + "\""));

        await().atMost(LIFETIME).until(() -> approvals.status(id) != null && approvals.get(id).hasNonNull("reminded_at"));
        JsonNode asked = approvals.get(id);
        Instant requested = Instant.parse(asked.path("requested_at").asText());
        Instant expires = Instant.parse(asked.path("expires_at").asText());
        assertThat(Instant.parse(asked.path("reminded_at").asText()))
                .isAfterOrEqualTo(requested.plus(Duration.between(requested, expires).dividedBy(2)));
        assertThat(messagesIn("workflow", helper.token())).anyMatch(text -> text.contains("⏰ Reminder")
                && text.contains(id) && text.contains("@" + helper.username()) && text.contains("then it is rejected"));

        await().atMost(LIFETIME).until(() -> approvals.get(id).hasNonNull("escalated_at"));
        assertThat(messagesIn("dm:code:" + boss.username(), boss.token()))
                .anyMatch(text -> text.contains("Escalated to you") && text.contains(id));
        JsonNode escalated = outEvents("approval.escalated").stream()
                .filter(event -> id.equals(event.path("data").path("approval").path("approval_id").asText()))
                .findFirst().orElseThrow();
        assertThat(escalated.path("data").path("to").get(0).asText()).isEqualTo(boss.username());

        await().atMost(LIFETIME).until(() -> "expired".equals(approvals.status(id)));
        await().atMost(LIFETIME).until(() -> approvals.decisionsHeard(id).size() == 1);
        // each happened once
        assertThat(outEvents("approval.escalated").stream()
                .filter(event -> id.equals(event.path("data").path("approval").path("approval_id").asText()))).hasSize(1);
        assertThat(messagesIn("workflow", helper.token()).stream()
                .filter(text -> text.contains("⏰ Reminder") && text.contains(id))).hasSize(1);
    }

    @Test
    void aLowRiskRequestThatSaysSoIsApprovedOnExpiry() {
        Approvals approvals = new Approvals(base, redis, names);
        String id = Agent.newId();
        new Agent(redis, names).add(Approvals.request(id, approvals.project("strict", 0), "low",
                ",\"expires_in_s\":10,\"on_expiry\":\"approve\""));
        await().atMost(LIFETIME).until(() -> "approved".equals(approvals.status(id)));
        JsonNode decided = approvals.get(id);
        assertThat(decided.path("decided_by").asText()).isEqualTo("system");
        assertThat(decided.path("comment").asText()).isEqualTo("approved on expiry (on_expiry: approve)");
        await().atMost(LIFETIME).until(() -> approvals.decisionsHeard(id).size() == 1);
        // the audit trail has it, and is whole
        RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.admin().token())
                .get("/api/approvals/audit/verify").then().statusCode(200)
                .body("intact", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void aFlowGroupThatFallsDueTogetherIsRemindedOfOnce() {
        List<dev.workflowchat.chat.Approval> due = List.of(approval("g1", "g1"), approval("g2", "g1"), approval("solo", null),
                approval("g3", "g1"));
        assertThat(ApprovalReminders.onePerGroup(due)).extracting(approval -> approval.id).containsExactly("g1", "solo");
    }

    private static dev.workflowchat.chat.Approval approval(String id, String group) {
        dev.workflowchat.chat.Approval approval = new dev.workflowchat.chat.Approval();
        approval.id = id;
        approval.groupId = group;
        return approval;
    }

    private List<String> messagesIn(String channel, String token) {
        JsonNode page = Approvals.json(RestAssured.given().baseUri(base.toString()).auth().oauth2(token)
                .get("/api/channels/{channel}/messages", channel).then().statusCode(200).extract().asString());
        JsonNode messages = page.isArray() ? page : page.path("messages");
        return java.util.stream.StreamSupport.stream(messages.spliterator(), false)
                .map(message -> message.path("content").asText()).toList();
    }

    private List<JsonNode> outEvents(String type) {
        return redis.stream(String.class).xrange(names.outStream(), StreamRange.of("-", "+")).stream()
                .map(entry -> Approvals.json(entry.payload().get("event")))
                .filter(event -> type.equals(event.path("type").asText()))
                .toList();
    }
}
