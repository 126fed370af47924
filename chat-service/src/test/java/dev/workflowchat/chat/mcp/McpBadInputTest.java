package dev.workflowchat.chat.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.McpAgents;
import dev.workflowchat.chat.support.TestServices;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What /mcp refuses: no key, a wrong, revoked or expired key (401 with the reason, nothing done),
 * a person's session (403), a key used on another project, arguments of the wrong type or size,
 * and a wait_s past the limit (tool errors, never a stack trace).
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class McpBadInputTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    private McpAgents agents;

    @BeforeEach
    void setUp() {
        agents = new McpAgents(base);
    }

    @Test
    void noKeyOrAWrongKeyIsRefusedWith401() {
        mcp().body(INITIALIZE).post("/mcp").then().statusCode(401);
        mcp().auth().oauth2("wfk_not-a-key-anyone-minted").body(INITIALIZE).post("/mcp").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("unauthorized"))
                .body("detail", containsString("unknown agent key"));
    }

    @Test
    void aPersonsSessionIsNoAgent() {
        mcp().auth().oauth2(Accounts.admin().token()).body(INITIALIZE).post("/mcp").then().statusCode(403);
    }

    @Test
    void aKeyIsNoPersonOnTheRestApi() {
        String key = agents.mint(McpAgents.newAgent());
        RestAssured.given().baseUri(base.toString()).auth().oauth2(key).get("/api/channels").then().statusCode(401);
        RestAssured.given().baseUri(base.toString()).auth().oauth2(key).get("/api/agent-keys").then().statusCode(403);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        String agent = McpAgents.newAgent();
        String key = agents.mint(agent);
        mcp().auth().oauth2(key).body(INITIALIZE).post("/mcp").then().statusCode(200);
        String id = admin().get("/api/agents/" + agent + "/keys").then().statusCode(200).extract().path("[0].id");
        admin().delete("/api/agents/" + agent + "/keys/" + id).then().statusCode(204);
        mcp().auth().oauth2(key).body(INITIALIZE).post("/mcp").then().statusCode(401)
                .body("detail", containsString("revoked"));
        admin().delete("/api/agents/" + agent + "/keys/" + id).then().statusCode(404);
    }

    @Test
    void anExpiredKeyIsRefused() {
        String agent = McpAgents.newAgent();
        String key = agents.mint(agent, "{\"expires_in_days\":1}");
        // a day can't be waited for: the key is made to have expired a second ago
        pool.preparedQuery("UPDATE agent_keys SET expires_at = now() - interval '1 second' WHERE agent = $1")
                .execute(Tuple.of(agent)).await().atMost(Duration.ofSeconds(10));
        mcp().auth().oauth2(key).body(INITIALIZE).post("/mcp").then().statusCode(401)
                .body("detail", containsString("expired"));
        admin().get("/api/agents/" + agent + "/keys").then().body("[0].status", org.hamcrest.Matchers.equalTo("expired"));
    }

    @Test
    void aKeyForOneProjectIsRefusedOnAnother() {
        String agent = McpAgents.newAgent();
        try (McpSyncClient client = agents.connect(agents.mint(agent, "{\"project\":\"alpha\"}"))) {
            McpSchema.CallToolResult other = McpAgents.call(client, "get_workflow", Map.of("project", "beta"));
            assertThat(other.isError()).isTrue();
            assertThat(McpAgents.text(other)).startsWith("forbidden:").contains("alpha");
            McpSchema.CallToolResult asked = McpAgents.call(client, "request_approval", Map.of("type", "deploy",
                    "title", "t", "reason", "r", "risk", "low", "project", "beta", "wait_s", 0));
            assertThat(McpAgents.text(asked)).startsWith("forbidden:");
        }
    }

    @Test
    void badArgumentsAreToolErrors() {
        try (McpSyncClient client = agents.connect(agents.mint(McpAgents.newAgent()))) {
            assertError(McpAgents.call(client, "read_messages", Map.of("channel", "general", "limit", "many")), "limit");
            assertError(McpAgents.call(client, "post_message", Map.of("channel", "general", "text",
                    "x".repeat(40_001))), "40000");
            assertError(McpAgents.call(client, "post_message", Map.of("channel", "no such channel!", "text", "hi")),
                    "channel");
            assertError(McpAgents.call(client, "request_approval", Map.of("type", "deploy", "title", "t", "reason",
                    "r", "risk", "low", "wait_s", 10_000)), "wait_s must be 0 to 600");
            assertError(McpAgents.call(client, "request_approval", Map.of("type", "deploy", "title", "t", "reason",
                    "r", "risk", "apocalyptic", "wait_s", 0)), "risk must be one of");
            assertError(McpAgents.call(client, "approval_prompt", Map.of("tool_name", "Bash", "input", "rm -rf /")),
                    "input");
            assertError(McpAgents.call(client, "await_decision", Map.of("id", "no-such-approval", "wait_s", 0)),
                    "not_found");
        }
    }

    @Test
    void keysAreMintedOnlyByAdminsAndOnlyWithSaneTerms() {
        String agent = McpAgents.newAgent();
        RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.member("keyless").token())
                .contentType(ContentType.JSON).body("{}").post("/api/agents/" + agent + "/keys").then().statusCode(403);
        admin().body("{\"expires_in_days\":0}").post("/api/agents/" + agent + "/keys").then().statusCode(400);
        admin().body("{\"expires_at\":\"2001-01-01T00:00:00Z\"}").post("/api/agents/" + agent + "/keys").then()
                .statusCode(400);
        admin().body("{\"project\":\"Not A Project\"}").post("/api/agents/" + agent + "/keys").then().statusCode(400);
        admin().body("{}").post("/api/agents/NOT%20AN%20AGENT/keys").then().statusCode(400);
        admin().body("{\"label\":\"ci\",\"project\":\"alpha\"}").post("/api/agents/" + agent + "/keys").then()
                .statusCode(201)
                .body("secret", org.hamcrest.Matchers.startsWith("wfk_"))
                .body("key.prefix", org.hamcrest.Matchers.startsWith("wfk_"))
                .body("key.project", org.hamcrest.Matchers.equalTo("alpha"));
        String listed = admin().get("/api/agent-keys").then().statusCode(200).extract().asString();
        assertThat(listed).contains(agent).doesNotContain("secret").doesNotContain("key_hash");
    }

    private static void assertError(McpSchema.CallToolResult result, String says) {
        assertThat(result.isError()).as(McpAgents.text(result)).isTrue();
        assertThat(McpAgents.text(result)).contains(says).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private RequestSpecification mcp() {
        return RestAssured.given().baseUri(base.toString()).contentType(ContentType.JSON)
                .accept("application/json, text/event-stream");
    }

    private RequestSpecification admin() {
        return RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.admin().token())
                .contentType(ContentType.JSON);
    }

}
