package dev.workflowchat.bridge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.workflowchat.infra.RedisTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without DISCORD_TOKEN the bridge starts, says it is idle, and stays healthy. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IdleBridgeTest {

    @Test
    void withoutATokenTheBridgeIsIdleAndHealthy() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("idle (no DISCORD_TOKEN)"))
                .body(containsString("Redis"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("wfchat_bridge_relayed_total"));
    }
}
