package dev.workflowchat.chat.hook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.DeclaredBody;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.Hooks;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Incoming webhooks (Slack/Mattermost-style): an admin makes, lists and revokes them; a post shows
 * under the hook's bot name, announced like any message; and every bad request is refused with
 * nothing posted. The test profile allows 8 requests per hook per window.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IncomingHooksTest {

    private static final Accounts ACCOUNTS = Accounts.inProcess();
    private static final int LIMIT = 8;

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void anAdminMakesListsAndRevokesAHookAndItsSecretIsShownOnce() {
        String channel = Channels.create("hooks-admin");
        String admin = Accounts.admin().token();
        var created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("channel", channel, "name", "Deploy bot", "kind", "incoming"))
                .post("/api/hooks").then().statusCode(201)
                .body("hook.kind", equalTo("incoming"))
                .body("hook.channel", equalTo(channel))
                .body("hook.name", equalTo("Deploy bot"))
                .body("hook.created_by", equalTo("admin"))
                .extract().jsonPath();
        String path = created.getString("path");
        String secret = path.substring("/hooks/".length());
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.getString("url")).isEqualTo(base.resolve(path).toString());
        assertThat(created.getString("signing_secret")).isNull();

        String listed = given().auth().oauth2(admin).get("/api/hooks").then().statusCode(200).extract().asString();
        assertThat(listed).contains(created.getString("hook.id")).doesNotContain(secret);

        String member = Accounts.member("hook-member").token();
        given().auth().oauth2(member).get("/api/hooks").then().statusCode(403);
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body(Map.of("channel", channel, "name", "Mine", "kind", "incoming")).post("/api/hooks").then().statusCode(403);
        given().auth().oauth2(member).delete("/api/hooks/{id}", created.getString("hook.id")).then().statusCode(403);
        given().get("/api/hooks").then().statusCode(401);

        Hooks.postJson(ACCOUNTS, path, "{\"text\":\"before revoking\"}").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/hooks/{id}", created.getString("hook.id")).then().statusCode(204);
        Response revoked = Hooks.postJson(ACCOUNTS, path, "{\"text\":\"after revoking\"}");
        Response unknown = Hooks.postJson(ACCOUNTS, "/hooks/" + "A".repeat(43), "{\"text\":\"guessing\"}");
        assertThat(revoked.statusCode()).isEqualTo(404);
        assertThat(revoked.asString()).isEqualTo(unknown.asString()); // which one it was is not told
        assertThat(revoked.contentType()).startsWith("application/problem+json");
        assertThat(given().auth().oauth2(admin).get("/api/hooks").asString()).doesNotContain(created.getString("hook.id"));
        given().auth().oauth2(admin).delete("/api/hooks/{id}", created.getString("hook.id")).then().statusCode(404);
        assertThat(History.contents(ACCOUNTS, admin, channel)).containsExactly("before revoking");
    }

    @Test
    void aHookIsMadeOnlyForAnOpenPublicChannelWithAValidName() {
        String admin = Accounts.admin().token();
        String channel = Channels.create("hooks-valid");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("channel", "no-such-channel-here", "name", "Bot", "kind", "incoming"),
                Map.of("channel", "dm:code", "name", "Bot", "kind", "incoming"),
                Map.of("channel", channel, "name", " ", "kind", "incoming"),
                Map.of("channel", channel, "name", "x".repeat(81), "kind", "incoming"),
                Map.of("channel", channel, "name", "two\nlines", "kind", "incoming"),
                Map.of("channel", channel, "name", "Bot", "kind", "outgoing"),
                Map.of("channel", channel, "name", "Bot", "kind", "incoming", "project", "shop"),
                Map.of("channel", channel, "name", "Bot", "kind", "github", "project", "../etc"),
                Map.of("name", "Bot", "kind", "incoming"))) {
            int status = given().auth().oauth2(admin).contentType(ContentType.JSON).body(bad).post("/api/hooks")
                    .then().extract().statusCode();
            assertThat(status).as(bad.toString()).isIn(400, 404);
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("[1]").post("/api/hooks").then().statusCode(400);
    }

    @Test
    void aPostShowsUnderTheBotNameAndAUsernameOnlyViaIt() {
        String channel = Channels.create("hooks-post");
        Hooks.Made hook = Hooks.incoming(ACCOUNTS, channel, "Deploy bot");
        String reader = Accounts.member("hook-reader").token();
        try (ChatClient client = ChatClient.connect(base, reader)) {
            client.awaitType("ready");
            String id = Hooks.postJson(ACCOUNTS, hook.path(), "{\"text\":\"Deployed **v1.2**\"}")
                    .then().statusCode(200).body("ok", equalTo(true)).extract().path("message_id");
            JsonNode created = client.awaitFrame(ChatClient.created(id)).path("message");
            assertThat(created.path("author_type").asText()).isEqualTo("hook");
            assertThat(created.path("author_id").asText()).isEqualTo("hook:" + hook.id());
            assertThat(created.path("author_name").asText()).isEqualTo("Deploy bot");
            assertThat(created.path("source").asText()).isEqualTo("hook");
            assertThat(created.path("content").asText()).isEqualTo("Deployed **v1.2**");
            assertThat(created.path("metadata").path("type").asText()).isEqualTo("hook");

            String posing = Hooks.postJson(ACCOUNTS, hook.path(), "{\"text\":\"I am the admin\",\"username\":\"admin\"}")
                    .then().statusCode(200).extract().path("message_id");
            JsonNode shown = client.awaitFrame(ChatClient.created(posing)).path("message");
            assertThat(shown.path("author_type").asText()).isEqualTo("hook");
            assertThat(shown.path("author_name").asText()).isEqualTo("admin (via Deploy bot)");
            assertThat(shown.path("metadata").path("username").asText()).isEqualTo("admin");
        }
    }

    @Test
    void aFormPayloadPostsAsJsonDoes() {
        String channel = Channels.create("hooks-form");
        Hooks.Made hook = Hooks.incoming(ACCOUNTS, channel, "Form bot");
        String payload = "{\"text\":\"from a form & more\",\"username\":\"ci\"}";
        given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8))
                .post(hook.path()).then().statusCode(200);
        List<Map<String, Object>> history = History.of(ACCOUNTS, Accounts.admin().token(), channel);
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).containsEntry("content", "from a form & more").containsEntry("author_name", "ci (via Form bot)");
    }

    @Test
    void badInputIsRefusedWithAProblemAndNothingIsPosted() throws IOException {
        String channel = Channels.create("hooks-bad");
        Hooks.Made hook = Hooks.incoming(ACCOUNTS, channel, "Bad bot");
        Hooks.postJson(ACCOUNTS, hook.path(), "{\"text\": \"unclosed").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("bad_request"));
        Hooks.postJson(ACCOUNTS, hook.path(), "{}").then().statusCode(400).body("detail", equalTo("text is required and may not be blank"));
        Hooks.postJson(ACCOUNTS, hook.path(), "{\"text\":\"  \\n \"}").then().statusCode(400);
        Hooks.postJson(ACCOUNTS, hook.path(), "{\"text\":[\"a\"]}").then().statusCode(400);
        Hooks.postJson(ACCOUNTS, hook.path(), "[\"text\"]").then().statusCode(400);
        Hooks.postJson(ACCOUNTS, hook.path(), "{\"text\":\"a\\u0000b\"}").then().statusCode(400);
        // the limit (8 a window) is for another test: the rest go to a hook of their own
        Hooks.Made fresh = Hooks.incoming(ACCOUNTS, channel, "Big bot");
        given().contentType("text/plain").body("text=hello").post(fresh.path()).then().statusCode(415)
                .body("code", equalTo("unsupported_type"));
        given().contentType("application/x-www-form-urlencoded").body("text=hello").post(fresh.path()).then().statusCode(400);
        Hooks.postJson(ACCOUNTS, fresh.path(), "{\"text\":\"" + "x".repeat(40_001) + "\"}").then().statusCode(413)
                .body("code", equalTo("too_large"));
        // 5 MB declared: answered 413 after the first 64 KiB, the rest never read
        assertThat(DeclaredBody.answer(base, fresh.path(), 5 * 1024 * 1024, "{\"text\":\"" + "x".repeat(64 * 1024)))
                .startsWith("HTTP/1.1 413").contains("too_large");
        Hooks.postJson(ACCOUNTS, fresh.path(), "{\"text\":\"a\",\"username\":\"" + "u".repeat(81) + "\"}").then().statusCode(400);
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).isEmpty();
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void hostileTextIsKeptAsWrittenForTheClientToSanitiseAndItsMentionsReachNoAgent() {
        String channel = Channels.create("hooks-hostile");
        Hooks.Made hook = Hooks.incoming(ACCOUNTS, channel, "Hostile bot");
        String person = Accounts.member("hook-mentioned").username();
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> @everyone @here @code @" + person;
        String id = Hooks.postJson(ACCOUNTS, hook.path(), "{\"text\":" + json(hostile) + ",\"username\":\"<b>x</b>\\n@code\"}")
                .then().statusCode(200).extract().path("message_id");
        Map<String, Object> stored = History.of(ACCOUNTS, Accounts.admin().token(), channel).get(0);
        assertThat(stored).containsEntry("content", hostile).containsEntry("author_name", "<b>x</b> @code (via Hostile bot)")
                .containsEntry("author_type", "hook");
        // a person's message mentioning @code reaches code's stream; the hook's never does
        String marker = Accounts.member("hook-control").token();
        try (ChatClient client = ChatClient.connect(base, marker)) {
            client.awaitAck(client.send("message.send", "channel", channel, "content", "control @code"));
        }
        await().atMost(ChatClient.WAIT).until(() -> codeStream().contains("control @code"));
        assertThat(codeStream()).doesNotContain(id);
    }

    @Test
    void aHookOverItsRateGets429WithRetryAfterAndTheMetricsCountIt() {
        String channel = Channels.create("hooks-rate");
        Hooks.Made hook = Hooks.incoming(ACCOUNTS, channel, "Chatty bot");
        Hooks.Made other = Hooks.incoming(ACCOUNTS, channel, "Quiet bot");
        for (int i = 1; i <= LIMIT; i++) {
            Hooks.postJson(ACCOUNTS, hook.path(), "{\"text\":\"message " + i + "\"}").then().statusCode(200);
        }
        Response refused = Hooks.postJson(ACCOUNTS, hook.path(), "{\"text\":\"one too many\"}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("code")).isEqualTo("rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        Hooks.postJson(ACCOUNTS, other.path(), "{\"text\":\"another hook is not limited\"}").then().statusCode(200);
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).hasSize(LIMIT + 1).doesNotContain("one too many");

        Hooks.postJson(ACCOUNTS, "/hooks/not-a-hook", "{\"text\":\"guess\"}").then().statusCode(404);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("wfchat_hooks_deliveries_total\\{[^}]*hook=\"" + hook.id()
                + "\"[^}]*outcome=\"posted\"[^}]*} 8\\.0");
        assertThat(metrics).containsPattern("wfchat_hooks_rejected_total\\{[^}]*hook=\"" + hook.id()
                + "\"[^}]*reason=\"rate_limited\"[^}]*} 1\\.0");
        assertThat(metrics).containsPattern("wfchat_hooks_rejected_total\\{[^}]*reason=\"unknown_hook\"");
    }

    private String codeStream() {
        return redis.stream(String.class, String.class, String.class)
                .xrange(names.agentStream("code"), StreamRange.of("-", "+")).stream()
                .map(message -> message.payload().toString()).toList().toString();
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
