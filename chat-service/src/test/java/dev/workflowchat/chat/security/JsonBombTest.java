package dev.workflowchat.chat.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JSON built to hurt a parser (deep nesting, huge strings, huge numbers, many or long field names)
 * on every way in: /ws frames, REST bodies, Redis envelopes on both paths. Each gets a clear error,
 * stores nothing, and the service goes on. Depth 100 is under Jackson's own default (1,000) and over
 * the contract's 64, so a pass also shows the protocol's limits reach each mapper.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class JsonBombTest {

    private static final int OVER_CONTRACT_DEPTH = 100;
    private static final int STACK_BREAKER_DEPTH = 20_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    Pool database;

    private String channel;

    @BeforeEach
    void freshChannel() {
        channel = Channels.create("bomb");
    }

    @Test
    void framesOnTheSocketGetAClearErrorAndStoreNothing() {
        Map<String, String> bombs = new LinkedHashMap<>();
        bombs.put("nesting 20,000 deep", "{\"type\":\"message.send\",\"ref\":\"deep\",\"x\":" + nested(STACK_BREAKER_DEPTH) + "}");
        bombs.put("nesting 100 deep in a valid message", sendWith("\"metadata\":" + nested(OVER_CONTRACT_DEPTH)));
        bombs.put("a number of 1,000 digits", "{\"type\":\"history\",\"ref\":\"n\",\"channel\":\"" + channel
                + "\",\"limit\":1" + "0".repeat(1000) + "}");
        bombs.put("3,000 junk fields and no content", "{\"type\":\"message.send\",\"ref\":\"f\",\"channel\":\"" + channel + "\","
                + manyFields(3_000) + "}");
        bombs.put("a field name of 60,000 characters", sendWith("\"" + "k".repeat(60_000) + "\":1"));
        bombs.put("content of 10,000 escaped characters over the limit in a small frame",
                sendWith("\"content\":\"" + "\\u00e9".repeat(4_000) + "x".repeat(40_000) + "\"").replace("\"content\":\"hi\",", ""));
        try (ChatClient client = ChatClient.connect(base, Accounts.member("bomber").token())) {
            bombs.forEach((what, frame) -> {
                int errorsBefore = client.framesOfType("error").size();
                client.sendRaw(frame);
                await().atMost(ChatClient.WAIT).until(() -> client.framesOfType("error").size() > errorsBefore);
                JsonNode error = client.framesOfType("error").get(errorsBefore);
                assertThat(error.path("code").asText()).as(what).isIn("bad_request", "too_large");
                assertThat(client.isOpen()).as(what + ": the socket stays open").isTrue();
            });
            client.awaitAck(client.send("message.send", "channel", channel, "content", "still here"));
        }
        assertThat(messagesIn(channel)).isEqualTo(1);
    }

    @Test
    void restBodiesGetAProblemAndCreateNothing() {
        String admin = Accounts.admin().token();
        String channelName = "bomb-rest-" + System.nanoTime() % 100000;
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("login nested 100 deep", json(null, "/api/auth/login",
                "{\"username\":" + nested(OVER_CONTRACT_DEPTH) + ",\"password\":\"x\"}"));
        answers.put("login nested 100,000 deep", json(null, "/api/auth/login", nested(100_000)));
        answers.put("login with a number of 1,000 digits", json(null, "/api/auth/login",
                "{\"username\":1" + "0".repeat(1000) + ",\"password\":\"x\"}"));
        answers.put("login with a field name of 60,000 characters", json(null, "/api/auth/login",
                "{\"" + "k".repeat(60_000) + "\":1}"));
        answers.put("a channel whose description nests 100 deep", json(admin, "/api/channels",
                "{\"name\":\"" + channelName + "\",\"description\":" + nested(OVER_CONTRACT_DEPTH) + "}"));
        answers.put("a user whose roles nest 100 deep", json(admin, "/api/users",
                "{\"username\":\"" + channelName + "\",\"password\":\"long-enough\",\"roles\":" + nested(OVER_CONTRACT_DEPTH) + "}"));
        answers.put("a decision whose modifications nest 100 deep", json(admin, "/api/approvals/" + Agent.newId() + "/decision",
                "{\"action\":\"modify\",\"modifications\":{\"a\":" + nested(OVER_CONTRACT_DEPTH) + "}}"));
        answers.forEach((what, response) -> {
            assertThat(response.status()).as(what).isEqualTo(400);
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
            assertThat(response.code()).as(what).isEqualTo("bad_request");
        });
        // well-formed, only big: 40,000 junk fields, or a name of 900,000 characters, is just a wrong login
        // (names of their own: a login that names nobody shares its throttle with every other such login)
        Answer fields = json(null, "/api/auth/login", "{\"username\":\"bomb-" + System.nanoTime() + "\","
                + manyFields(40_000) + "}");
        assertThat(fields.status()).isEqualTo(401);
        assertThat(fields.code()).isEqualTo("unauthorized");
        Answer huge = json(null, "/api/auth/login",
                "{\"username\":\"" + System.nanoTime() + "u".repeat(900_000) + "\",\"password\":\"x\"}");
        assertThat(huge.status()).isEqualTo(401);
        assertThat(huge.code()).isEqualTo("unauthorized");
        given().auth().oauth2(admin).get("/api/channels").then().statusCode(200)
                .body("name", not(hasItem(channelName)));
        given().auth().oauth2(admin).get("/api/users").then().statusCode(200)
                .body("username", not(hasItem(channelName)));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void redisEnvelopesOnEitherPathAreDeadLetteredAndTheBusGoesOn() {
        Agent agent = new Agent(redis, names);
        Map<String, String> reasons = new LinkedHashMap<>();
        for (boolean stream : new boolean[] {false, true}) {
            String path = stream ? "stream" : "pubsub";
            Map<String, String> bombs = new LinkedHashMap<>();
            bombs.put("metadata nested 100 deep", envelope("\"metadata\":" + nested(OVER_CONTRACT_DEPTH)));
            bombs.put("nested 20,000 deep", envelope("\"x\":" + nested(STACK_BREAKER_DEPTH)));
            bombs.put("a 300 KB string", envelope("\"padding\":\"" + "p".repeat(300_000) + "\""));
            bombs.put("5,000 junk fields and no content", envelope(manyFields(5_000)).replace("\"content\":\"boom\",", ""));
            bombs.put("a field name of 60,000 characters", envelope("\"" + "k".repeat(60_000) + "\":1"));
            bombs.forEach((what, template) -> {
                String id = Agent.newId();
                String payload = template.replace("ENVELOPE_ID", id);
                if (stream) {
                    agent.add(payload);
                } else {
                    agent.publish(payload);
                }
                reasons.put(path + ": " + what, agent.deadLetterOf(id));
            });
        }
        reasons.forEach((what, reason) -> assertThat(reason).as(what).isNotBlank().doesNotContain("internal"));

        String fine = Agent.newId();
        agent.add(Agent.message(fine, "qa", channel, "the bus goes on"));
        await().atMost(ChatClient.WAIT).until(() -> messagesIn(channel) == 1);
        assertThat(messagesIn(channel)).isEqualTo(1);
    }

    private String envelope(String extraData) {
        return "{\"v\":1,\"id\":\"ENVELOPE_ID\",\"type\":\"agent.message\",\"source\":\"agent:qa\","
                + "\"data\":{\"channel\":\"" + channel + "\",\"agent\":\"qa\",\"content\":\"boom\"," + extraData + "}}";
    }

    private String sendWith(String extra) {
        return "{\"type\":\"message.send\",\"ref\":\"b" + System.nanoTime() + "\",\"channel\":\"" + channel
                + "\",\"content\":\"hi\"," + extra + "}";
    }

    /** What came back: a plain HTTP client, so nothing on the test's side reads the bomb but the service. */
    record Answer(int status, String contentType, String body) {
        String code() {
            try {
                return ProtocolJson.mapper().readTree(body).path("code").asText();
            } catch (Exception notJson) {
                return "(not JSON: " + body + ")";
            }
        }
    }

    private Answer json(String token, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " failed: " + e, e);
        }
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String manyFields(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"f" + i + "\":" + i).collect(Collectors.joining(","));
    }

    private long messagesIn(String name) {
        return database.preparedQuery("SELECT count(*) FROM messages WHERE channel = $1").execute(Tuple.of(name))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
