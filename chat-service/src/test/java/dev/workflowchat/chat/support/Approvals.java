package dev.workflowchat.chat.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Approvals as tests ask for and look at them: requests as an agent sends them, the REST API, the agent's stream. */
public final class Approvals {

    private final URI base;
    private final RedisDataSource redis;
    private final RedisNames names;

    public Approvals(URI base, RedisDataSource redis, RedisNames names) {
        this.base = base;
        this.redis = redis;
        this.names = names;
    }

    /** An approval.request of agent {@code code} in {@code project}; {@code extra} is more data fields, starting with a comma. */
    public static String request(String id, String project, String risk, String extra) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"approval.request\",\"source\":\"agent:code\",\"data\":{"
                + "\"request_type\":\"code_change\",\"title\":\"Change " + id + "\",\"payload\":{},\"project\":\"" + project
                + "\",\"risk\":\"" + risk + "\"" + extra + "}}";
    }

    /** Adds an agent's approval.request (its envelope, of id {@code id}) on the shared way in; the id once it is stored. */
    public String ask(String id, String envelope) {
        new Agent(redis, names).add(envelope);
        await().atMost(ChatClient.WAIT).until(() -> status(id) != null);
        return id;
    }

    /** {@link #request} asked and stored; its id. */
    public String asked(String project, String risk, String extra) {
        String id = Agent.newId();
        return ask(id, request(id, project, risk, extra));
    }

    /** A project in {@code mode} (and, when {@code sprint} > 0, that sprint running), as the state-broadcaster leaves it. */
    public String project(String mode, int sprint) {
        String project = mode + "-" + UUID.randomUUID().toString().substring(0, 8);
        String running = sprint > 0 ? ",\"sprint\":{\"number\":" + sprint + ",\"status\":\"active\"}" : "";
        redis.value(String.class).set(names.stateSnapshot(project),
                "{\"project\":\"" + project + "\",\"mode\":\"" + mode + "\"" + running + "}");
        return project;
    }

    public JsonNode get(String id) {
        return json(RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.admin().token())
                .get("/api/approvals/" + id).then().statusCode(200).extract().asString());
    }

    public String status(String id) {
        Response response = RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.admin().token())
                .get("/api/approvals/" + id);
        return response.statusCode() == 200 ? response.path("status") : null;
    }

    /** POST with a JSON body as {@code token}. */
    public Response post(String token, String path, String body) {
        return RestAssured.given().baseUri(base.toString()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(body).post(path);
    }

    /** The rule's id, made as {@code token}. */
    public String rule(String token, String body) {
        return post(token, "/api/approval-rules", body).then().statusCode(201).extract().path("rule_id");
    }

    /** The approval.decided events the agent {@code code} got for this approval, in order. */
    public List<JsonNode> decisionsHeard(String id) {
        return redis.stream(String.class).xrange(names.agentStream("code"), StreamRange.of("-", "+")).stream()
                .map(entry -> json(entry.payload().get("event")))
                .filter(event -> "approval.decided".equals(event.path("type").asText())
                        && id.equals(event.path("data").path("approval_id").asText()))
                .toList();
    }

    public static JsonNode json(String text) {
        try {
            return ProtocolJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
