package dev.workflowchat.chat.mcp;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import dev.workflowchat.chat.support.McpAgents;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each key has its own rate (here 3 a minute): past it, 429 with Retry-After, and other keys are not held up. */
@QuarkusTest
@TestProfile(McpRateLimitTest.ThreeAMinute.class)
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class McpRateLimitTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    public static class ThreeAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wfchat.mcp.requests-per-minute", "3");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aKeyOverItsRateIsToldToWait() {
        McpAgents agents = new McpAgents(base);
        String key = agents.mint(McpAgents.newAgent());
        for (int i = 0; i < 3; i++) {
            post(key).then().statusCode(org.hamcrest.Matchers.not(429));
        }
        post(key).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", org.hamcrest.Matchers.equalTo("rate_limited"))
                .body("detail", containsString("over its rate"));
        post(agents.mint(McpAgents.newAgent())).then().statusCode(org.hamcrest.Matchers.not(429));
    }

    private io.restassured.response.Response post(String key) {
        return RestAssured.given().baseUri(base.toString()).auth().oauth2(key).contentType(ContentType.JSON)
                .accept("application/json, text/event-stream").body(PING).post("/mcp");
    }
}
