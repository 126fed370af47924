package dev.workflowchat.chat.support;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Agents as the MCP tests make them: a key minted over REST by the admin, and the official MCP
 * Java SDK's client (Streamable HTTP) holding it as its bearer token.
 */
public final class McpAgents {

    private final URI base;

    public McpAgents(URI base) {
        this.base = base;
    }

    /** A fresh agent name, so tests don't share agents. */
    public static String newAgent() {
        return "mcp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A key for {@code agent}; {@code body} is the mint request's JSON. The secret. */
    public String mint(String agent, String body) {
        return RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.on(base).signInAdmin().token())
                .contentType(ContentType.JSON).body(body).post("/api/agents/" + agent + "/keys")
                .then().statusCode(201).extract().path("secret");
    }

    public String mint(String agent) {
        return mint(agent, "{}");
    }

    /** An initialised client with {@code key}; close it when done. */
    public McpSyncClient connect(String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base.toString())
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    /** Calls a tool; its result. */
    public static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** The text of a result's first content. */
    public static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
