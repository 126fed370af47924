package dev.workflowchat.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.DeclaredBody;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Administration over REST: people's names, roles and passwords, a person's own name, and
 * channels' titles and archiving. Admins only, refused cleanly otherwise, announced to open pages.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AdministrationApiTest {

    private static final String EVIL = "https://evil.example";
    /** Over the 1 MiB limit: declared, with only its start sent ({@link DeclaredBody}). */
    private static final long HUGE = 2 * 1024 * 1024;
    private static final String HUGE_START = "x".repeat(64 * 1024);

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Test
    void anAdminChangesSomeonesRolesAndNameAndOpenPagesHearOfIt() {
        SignedIn admin = Accounts.admin();
        SignedIn bob = Accounts.member("bob");
        try (ChatClient watcher = ChatClient.connect(base, Accounts.member("watcher").token())) {
            watcher.awaitType("ready");
            as(admin).body(Map.of("roles", List.of("approver"), "display_name", "Bob the Approver"))
                    .patch("/api/users/" + bob.username())
                    .then().statusCode(200)
                    .body("roles", hasItem("approver")).body("roles", hasItem("member"))
                    .body("display_name", equalTo("Bob the Approver"));
            JsonNode updated = watcher.awaitFrame(frame -> "user.updated".equals(frame.path("type").asText())
                    && bob.username().equals(frame.path("user").path("username").asText()));
            assertThat(updated.path("user").path("display_name").asText()).isEqualTo("Bob the Approver");
        }
        given().auth().oauth2(bob.token()).get("/api/me").then().statusCode(200).body("roles", hasItem("approver"));
    }

    @Test
    void changingSomeoneIsRefusedCleanlyAndChangesNothing() throws Exception {
        SignedIn admin = Accounts.admin();
        SignedIn carol = Accounts.member("carol");
        String path = "/api/users/" + carol.username();
        Map<String, Object> promote = Map.of("roles", List.of("admin"));
        as(carol).body(promote).patch(path).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        given().contentType(ContentType.JSON).body(promote).patch(path).then().statusCode(401);
        as(admin).header("Origin", EVIL).body(promote).patch(path)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        as(admin).body("{\"roles\": [").patch(path).then().statusCode(400).body("code", equalTo("bad_request"));
        assertThat(DeclaredBody.answer(base, "PATCH", path, admin.token(), HUGE, "{\"display_name\":\"" + HUGE_START))
                .startsWith("HTTP/1.1 413").contains("\"code\":\"too_large\"");
        as(admin).body(Map.of("display_name", "x".repeat(65))).patch(path)
                .then().statusCode(400).body("detail", containsString("display_name"));
        as(admin).body(Map.of("display_name", "  ")).patch(path).then().statusCode(400);
        as(admin).body(Map.of("roles", List.of("owner"))).patch(path)
                .then().statusCode(400).body("detail", containsString("unknown role: owner"));
        as(admin).body(Map.of()).patch(path).then().statusCode(400);
        as(admin).body(promote).patch("/api/users/nobody-here").then().statusCode(404).body("code", equalTo("not_found"));

        given().auth().oauth2(carol.token()).get("/api/me").then().statusCode(200)
                .body("roles", equalTo(List.of("member"))).body("display_name", equalTo("User " + carol.username()));
    }

    @Test
    void noAdminTakesAwayTheirOwnAdminRoleSoTheChatKeepsOne() {
        SignedIn second = Accounts.create("second-admin", List.of("admin"));
        as(second).body(Map.of("roles", List.of("approver"))).patch("/api/users/" + second.username())
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("your own admin role"));
        as(second).post("/api/users/" + second.username() + "/disable").then().statusCode(400);
        given().auth().oauth2(second.token()).get("/api/me").then().statusCode(200).body("roles", hasItem("admin"));

        // another admin may
        as(Accounts.admin()).body(Map.of("roles", List.of())).patch("/api/users/" + second.username())
                .then().statusCode(200).body("roles", equalTo(List.of("member")));
    }

    @Test
    void anAdminResetsAPasswordMadeUpOrTypedAndTheOldSessionsEnd() {
        SignedIn admin = Accounts.admin();
        SignedIn dave = Accounts.member("dave");
        String generated = as(admin).post("/api/users/" + dave.username() + "/password")
                .then().statusCode(200)
                .body("user.username", equalTo(dave.username()))
                .extract().path("generated_password");
        assertThat(generated).hasSize(16);
        given().auth().oauth2(dave.token()).get("/api/me").then().statusCode(401);
        Accounts.login(dave.username(), generated);
        login(dave.username(), Accounts.PASSWORD).then().statusCode(401);

        as(admin).body(Map.of("password", "typed-by-the-admin")).post("/api/users/" + dave.username() + "/password")
                .then().statusCode(200).body("$", not(org.hamcrest.Matchers.hasKey("generated_password")));
        Accounts.login(dave.username(), "typed-by-the-admin");
    }

    @Test
    void aPasswordResetIsRefusedCleanly() throws Exception {
        SignedIn admin = Accounts.admin();
        SignedIn erin = Accounts.member("erin");
        String path = "/api/users/" + erin.username() + "/password";
        as(erin).body(Map.of("password", "erins-own-choice")).post(path).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("password", "whatever-123")).post(path).then().statusCode(401);
        as(admin).header("Origin", EVIL).post(path).then().statusCode(403);
        as(admin).body(Map.of("password", "short")).post(path).then().statusCode(400)
                .body("detail", containsString("password"));
        as(admin).body("{\"password\": 12").post(path).then().statusCode(400);
        assertThat(DeclaredBody.answer(base, "POST", path, admin.token(), HUGE, "{\"password\":\"" + HUGE_START))
                .startsWith("HTTP/1.1 413");
        as(admin).post("/api/users/nobody-here/password").then().statusCode(404);
        as(admin).post("/api/users/admin/password").then().statusCode(400)
                .body("detail", containsString("/api/me/password"));

        given().auth().oauth2(erin.token()).get("/api/me").then().statusCode(200);
        Accounts.login(erin.username(), Accounts.PASSWORD);
    }

    @Test
    void aPersonChangesTheirOwnDisplayNameAndOthersSeeIt() throws Exception {
        SignedIn frank = Accounts.member("frank");
        try (ChatClient other = ChatClient.connect(base, Accounts.member("other").token())) {
            other.awaitType("ready");
            as(frank).body(Map.of("display_name", "  Frank Ocean ")).patch("/api/me")
                    .then().statusCode(200).body("display_name", equalTo("Frank Ocean"));
            other.awaitFrame(frame -> "user.updated".equals(frame.path("type").asText())
                    && "Frank Ocean".equals(frame.path("user").path("display_name").asText()));
        }
        given().auth().oauth2(frank.token()).get("/api/me").then().body("display_name", equalTo("Frank Ocean"));
        as(frank).body(Map.of("display_name", "")).patch("/api/me").then().statusCode(400);
        as(frank).body(Map.of("display_name", "n\u0000l")).patch("/api/me").then().statusCode(400);
        as(frank).body(Map.of()).patch("/api/me").then().statusCode(400);
        assertThat(DeclaredBody.answer(base, "PATCH", "/api/me", frank.token(), HUGE, "{\"display_name\":\"" + HUGE_START))
                .startsWith("HTTP/1.1 413");
        as(frank).header("Origin", EVIL).body(Map.of("display_name", "Evil")).patch("/api/me").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("display_name", "Nobody")).patch("/api/me").then().statusCode(401);
        given().auth().oauth2(frank.token()).get("/api/me").then().body("display_name", equalTo("Frank Ocean"));
    }

    @Test
    void anAdminTitlesAndArchivesAChannelAndOpenPagesFollow() {
        SignedIn admin = Accounts.admin();
        SignedIn gina = Accounts.member("gina");
        String name = "ops-" + System.nanoTime();
        try (ChatClient page = ChatClient.connect(base, gina.token())) {
            page.awaitType("ready");
            as(admin).body(Map.of("name", name, "description", "Operations")).post("/api/channels").then().statusCode(201);
            page.awaitFrame(channelFrame("created", name));
            as(admin).body(Map.of("name", name)).post("/api/channels").then().statusCode(409).body("code", equalTo("conflict"));

            as(admin).body(Map.of("title", "Operations room")).patch("/api/channels/" + name)
                    .then().statusCode(200).body("title", equalTo("Operations room")).body("description", equalTo("Operations"));
            assertThat(page.awaitFrame(channelFrame("updated", name)).path("channel").path("title").asText())
                    .isEqualTo("Operations room");
            given().auth().oauth2(gina.token()).get("/api/channels").then()
                    .body("find { it.name == '" + name + "' }.title", equalTo("Operations room"));

            as(admin).post("/api/channels/" + name + "/archive").then().statusCode(200).body("name", equalTo(name));
            page.awaitFrame(channelFrame("archived", name));
            given().auth().oauth2(gina.token()).get("/api/channels").then().body("name", not(hasItem(name)));
            as(admin).get("/api/channels/archived").then().statusCode(200).body("name", hasItem(name));
            JsonNode refused = page.awaitError(page.send("message.send", "channel", name, "content", "anyone here?"));
            assertThat(refused.path("code").asText()).isEqualTo("conflict");
            assertThat(refused.path("message").asText()).contains("archived");

            as(admin).post("/api/channels/" + name + "/unarchive").then().statusCode(200);
            page.awaitFrame(channelFrame("unarchived", name));
            given().auth().oauth2(gina.token()).get("/api/channels").then().body("name", hasItem(name));
            page.post(name, "back again");
        }
    }

    @Test
    void changingChannelsIsRefusedCleanlyAndChangesNothing() throws Exception {
        SignedIn admin = Accounts.admin();
        SignedIn hank = Accounts.member("hank");
        String name = Channels.create("keep");
        String path = "/api/channels/" + name;
        as(hank).body(Map.of("title", "Mine")).patch(path).then().statusCode(403);
        as(hank).post(path + "/archive").then().statusCode(403);
        as(hank).get("/api/channels/archived").then().statusCode(403);
        given().post(path + "/archive").then().statusCode(401);
        as(admin).header("Origin", EVIL).post(path + "/archive").then().statusCode(403);
        as(admin).header("Origin", EVIL).body(Map.of("title", "Evil")).patch(path).then().statusCode(403);
        as(admin).body("{\"title\": ").patch(path).then().statusCode(400);
        as(admin).body(Map.of()).patch(path).then().statusCode(400);
        as(admin).body(Map.of("title", "t".repeat(81))).patch(path).then().statusCode(400);
        assertThat(DeclaredBody.answer(base, "PATCH", path, admin.token(), HUGE, "{\"description\":\"" + HUGE_START))
                .startsWith("HTTP/1.1 413");
        as(admin).body(Map.of("title", "Nope")).patch("/api/channels/no-such-channel").then().statusCode(404);
        as(admin).post("/api/channels/no-such-channel/archive").then().statusCode(404);
        as(admin).post("/api/channels/dm:code/archive").then().statusCode(400);
        as(admin).post("/api/channels/NOT%20A%20NAME/archive").then().statusCode(400);

        pool.preparedQuery("UPDATE channels SET project = 'shop' WHERE name = $1").execute(Tuple.of(name))
                .await().atMost(ChatClient.WAIT);
        as(admin).post(path + "/archive").then().statusCode(409).body("detail", containsString("/project unbind"));

        given().auth().oauth2(hank.token()).get("/api/channels").then()
                .body("name", hasItem(name))
                .body("find { it.name == '" + name + "' }.title", equalTo(null))
                .body("find { it.name == '" + name + "' }.description", equalTo("test channel"));
    }

    private static java.util.function.Predicate<JsonNode> channelFrame(String change, String name) {
        return frame -> "channel.updated".equals(frame.path("type").asText())
                && change.equals(frame.path("change").asText())
                && name.equals(frame.path("channel").path("name").asText());
    }

    private static RequestSpecification as(SignedIn person) {
        return given().auth().oauth2(person.token()).contentType(ContentType.JSON);
    }

    private static io.restassured.response.Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login");
    }
}
