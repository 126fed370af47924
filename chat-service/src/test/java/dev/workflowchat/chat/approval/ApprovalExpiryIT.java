package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An approval that expires while the service is stopped is expired, and announced once, after it
 * starts; one requested while it runs is reminded of, escalated and expired when each falls due,
 * however long the periodic check's period.
 */
class ApprovalExpiryIT {

    @Test
    void shouldExpireAtStartWhatExpiredWhileDown() throws Exception {
        Map<String, String> quickChecks = Map.of("WFCHAT_APPROVALS_EXPIRY_CHECK_EVERY", "1s");
        try (TestRun run = TestRun.start(); RedisClient redis = new RedisClient(run.redis().uri())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            String id = "sleeper-" + System.nanoTime();
            Instant expiresAt;
            try (ChatServiceProcess service = ChatServiceProcess.start("before", run, run.redis(), quickChecks)) {
                Accounts accounts = Accounts.on(service.base());
                String token = accounts.signInAdmin().token();
                redis.xadd(names.inStream(), Agent.approvalRequest(id, "code", "state_transition", "Start the sprint",
                        "{\"from\":\"SPRINT_PLANNED\",\"to\":\"SPRINT_ACTIVE\"}", 10));
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        accounts.request().auth().oauth2(token).get("/api/approvals/{id}", id).statusCode() == 200);
                expiresAt = Instant.parse(accounts.request().auth().oauth2(token).get("/api/approvals/{id}", id)
                        .then().extract().path("expires_at"));
            }
            // the service is down while the approval's time runs out
            await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));
            assertThat(ApprovalRaceIT.decisionsFor(redis, names, id)).isZero();

            try (ChatServiceProcess service = ChatServiceProcess.start("after", run, run.redis(), quickChecks)) {
                Accounts accounts = Accounts.on(service.base());
                String token = accounts.signInAdmin().token();
                await().atMost(Duration.ofSeconds(30)).until(() -> ApprovalRaceIT.decisionsFor(redis, names, id) == 1);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                        .until(() -> ApprovalRaceIT.decisionsFor(redis, names, id) == 1);
                accounts.request().auth().oauth2(token).get("/api/approvals/{id}", id)
                        .then().statusCode(200)
                        .body("status", org.hamcrest.Matchers.equalTo("expired"))
                        .body("decided_by", org.hamcrest.Matchers.equalTo("system"));
            }
        }
    }

    @Test
    void shouldHandleARequestWhenItFallsDueNotAtTheNextPeriodicCheck() throws Exception {
        Map<String, String> rareChecks = Map.of("WFCHAT_APPROVALS_EXPIRY_CHECK_EVERY", "10m");
        try (TestRun run = TestRun.start(); RedisClient redis = new RedisClient(run.redis().uri());
             ChatServiceProcess service = ChatServiceProcess.start("due", run, run.redis(), rareChecks)) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Accounts accounts = Accounts.on(service.base());
            String token = accounts.signInAdmin().token();
            String id = "due-" + System.nanoTime();
            redis.xadd(names.inStream(), Agent.approvalRequest(id, "code", "state_transition", "Start the sprint",
                    "{\"from\":\"SPRINT_PLANNED\",\"to\":\"SPRINT_ACTIVE\"}", 10));
            // reminded at 5 s, escalated at 7.5 s, expired at 10 s: long before a check ten minutes on
            await().atMost(Duration.ofSeconds(40)).until(() -> "expired".equals(
                    accounts.request().auth().oauth2(token).get("/api/approvals/{id}", id).then().extract().path("status")));
            accounts.request().auth().oauth2(token).get("/api/approvals/{id}", id)
                    .then().statusCode(200)
                    .body("decided_by", org.hamcrest.Matchers.equalTo("system"))
                    .body("reminded_at", org.hamcrest.Matchers.notNullValue())
                    .body("escalated_at", org.hamcrest.Matchers.notNullValue());
            assertThat(ApprovalRaceIT.decisionsFor(redis, names, id)).isEqualTo(1);
        }
    }
}
