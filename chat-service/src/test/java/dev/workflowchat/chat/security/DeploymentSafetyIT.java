package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.OwnedRedis;
import dev.workflowchat.infra.TestRun;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Safe defaults, on the built jar as a deployment runs it, told it is not a local run
 * ({@code WFCHAT_LOCAL_RUN=false}): the probe found the templates' {@code CHANGE_ME} accepted as the
 * admin's password and nothing said that Redis was open to anyone.
 */
class DeploymentSafetyIT {

    private static final String STRONG = "a-strong-password-for-tests-1";

    @Test
    void aPlaceholderPasswordStopsTheServiceWithWhatToSet() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess service = ChatServiceProcess.startWithoutWaiting("placeholder", run, run.redis(), Map.of(
                     "WFCHAT_LOCAL_RUN", "false", "WFCHAT_ADMIN_PASSWORD", "CHANGE_ME",
                     "QUARKUS_DATASOURCE_PASSWORD", "change-me-database-password"))) {
            assertThat(service.process().process().waitFor(90, TimeUnit.SECONDS)).as("the service stops").isTrue();
            assertThat(service.process().process().exitValue()).isNotZero();
            assertThat(service.wholeLog()).contains("refusing to start outside a local run")
                    .contains("WFCHAT_ADMIN_PASSWORD").contains("QUARKUS_DATASOURCE_PASSWORD")
                    .contains("deploy/generate-secrets.sh")
                    .doesNotContain("CHANGE_ME").doesNotContain("change-me-database-password");
        }
    }

    @Test
    void aRedisOpenToAnyoneIsWarnedAboutAtStartAndInReadiness() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess service = ChatServiceProcess.start("open-redis", run, run.redis(), Map.of(
                     "WFCHAT_LOCAL_RUN", "false", "WFCHAT_ADMIN_PASSWORD", STRONG,
                     "QUARKUS_DATASOURCE_PASSWORD", STRONG))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "false".equals(redisAccess(service, "requires_authentication")));
            assertThat(redisAccess(service, "warning")).contains("turn on its ACLs");
            assertThat(service.readiness()).as("still ready: the chat works").isEqualTo(200);
            assertThat(service.wholeLog()).contains("Redis answers commands without a password");
        }
    }

    @Test
    void aRedisThatWantsAPasswordIsQuiet() throws Exception {
        try (TestRun run = TestRun.start(); OwnedRedis owned = OwnedRedis.start()) {
            try (RedisClient admin = new RedisClient(owned.endpoint().uri())) {
                admin.command("CONFIG", "SET", "requirepass", STRONG);
            }
            String withPassword = "redis://:" + STRONG + "@" + owned.endpoint().host() + ":" + owned.endpoint().port();
            try (ChatServiceProcess service = ChatServiceProcess.start("closed-redis", run, owned.endpoint(), Map.of(
                    "WFCHAT_LOCAL_RUN", "false", "WFCHAT_ADMIN_PASSWORD", STRONG, "QUARKUS_DATASOURCE_PASSWORD", STRONG,
                    "QUARKUS_REDIS_HOSTS", withPassword))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> "true".equals(redisAccess(service, "requires_authentication")));
                assertThat(redisAccess(service, "warning")).isNull();
                assertThat(service.wholeLog()).doesNotContain("Redis answers commands without a password");
            }
        }
    }

    /** A datum of the readiness check "Redis access", or null. */
    private static String redisAccess(ChatServiceProcess service, String datum) {
        return RestAssured.given().baseUri(service.management().toString()).get("/q/health/ready").jsonPath()
                .getString("checks.find { it.name == 'Redis access' }.data." + datum);
    }
}
