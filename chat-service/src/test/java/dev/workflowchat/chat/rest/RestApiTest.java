package dev.workflowchat.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RestApiTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void loginSetsAnHttpOnlySameSiteCookieThatAuthenticates() {
        SignedIn erin = Accounts.member("erin");
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", erin.username(), "password", Accounts.PASSWORD))
                .post("/api/auth/login");
        login.then().statusCode(200)
                .body("user.username", equalTo(erin.username()))
                .body("user.roles", hasItem("member"));
        String setCookie = login.getHeader("Set-Cookie");
        assertThat(setCookie).contains("wfchat_session=").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        assertThat(setCookie).doesNotContain("Secure"); // plain http here; Secure behind TLS

        given().cookie("wfchat_session", login.getCookie("wfchat_session"))
                .get("/api/me")
                .then().statusCode(200).body("username", equalTo(erin.username()));
    }

    @Test
    void aWrongPasswordOrUnknownUserIsUnauthorizedWithAProblemBody() {
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "wrong-password"))
                .post("/api/auth/login")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthorized"))
                .body(not(containsString("Exception")));
        given().contentType(ContentType.JSON).body(Map.of("username", "nobody-at-all", "password", "whatever1"))
                .post("/api/auth/login")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"username\": ")
                .post("/api/auth/login")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("bad_request"));
    }

    @Test
    void logoutEndsTheSession() {
        SignedIn frank = Accounts.member("frank");
        given().auth().oauth2(frank.token()).get("/api/me").then().statusCode(200);
        given().auth().oauth2(frank.token()).post("/api/auth/logout")
                .then().statusCode(204).header("Set-Cookie", containsString("Max-Age=0"));
        given().auth().oauth2(frank.token()).get("/api/me").then().statusCode(401);
    }

    @Test
    void everyApiNeedsASession() {
        for (String path : List.of("/api/me", "/api/channels", "/api/users", "/api/messages/search?q=x",
                "/api/channels/general/messages")) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
            given().auth().oauth2("forged-token").get(path).then().statusCode(401);
        }
    }

    @Test
    void onlyAdminsCreateUsersAndChannels() {
        SignedIn member = Accounts.member("grace");
        given().auth().oauth2(member.token()).contentType(ContentType.JSON)
                .body(Map.of("username", "sneaky", "password", "password123", "roles", List.of("admin")))
                .post("/api/users")
                .then().statusCode(403).body("code", equalTo("forbidden"));
        given().auth().oauth2(member.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "sneaky", "description", "nope"))
                .post("/api/channels")
                .then().statusCode(403);
        given().auth().oauth2(Accounts.admin().token()).get("/api/users")
                .then().statusCode(200).body("username", not(hasItem("sneaky")));
    }

    @Test
    void adminCreatesUsersWithRolesAndRefusesBadOrDuplicateOnes() {
        String admin = Accounts.admin().token();
        String username = "heidi-" + System.nanoTime() % 100000;
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "long-enough", "roles", List.of("approver")))
                .post("/api/users")
                .then().statusCode(201).body("roles", hasItem("approver")).body("roles", hasItem("member"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "long-enough"))
                .post("/api/users")
                .then().statusCode(409).body("code", equalTo("conflict"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", "x y", "password", "long-enough"))
                .post("/api/users")
                .then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", "shortpass", "password", "short"))
                .post("/api/users")
                .then().statusCode(400).body("detail", containsString("password"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", "badrole", "password", "long-enough", "roles", List.of("root")))
                .post("/api/users")
                .then().statusCode(400).body("detail", containsString("unknown role"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("not json")
                .post("/api/users")
                .then().statusCode(400);
        Accounts.login(username, "long-enough");
    }

    @Test
    void adminCreatesChannelsThatEveryoneSees() {
        String admin = Accounts.admin().token();
        String name = "release-" + System.nanoTime() % 100000;
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "Release planning"))
                .post("/api/channels")
                .then().statusCode(201).body("name", equalTo(name));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "again"))
                .post("/api/channels")
                .then().statusCode(409);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad Name!", "description", "x"))
                .post("/api/channels")
                .then().statusCode(400);
        given().auth().oauth2(Accounts.member("ivan").token()).get("/api/channels")
                .then().statusCode(200)
                .body("name", hasItem(name))
                .body("find { it.name == 'general' }.description", equalTo("General discussion"));
    }

    @Test
    void historyRefusesBadPagingAndUnknownChannels() {
        String token = Accounts.member("judy").token();
        given().auth().oauth2(token).queryParam("limit", 201).get("/api/channels/general/messages")
                .then().statusCode(400).body("code", equalTo("bad_request"));
        given().auth().oauth2(token).queryParam("limit", "lots").get("/api/channels/general/messages")
                .then().statusCode(400);
        given().auth().oauth2(token).get("/api/channels/nowhere/messages")
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void searchFindsAMessageByAWordInItRankedAndFilteredByChannel() {
        SignedIn kim = Accounts.member("kim");
        String marker = "zebrafish" + System.nanoTime() % 100000;
        try (ChatClient client = ChatClient.connect(base, kim.token())) {
            client.post("general", "the " + marker + " pipeline is deploying now");
            client.post("agents", "deployed the " + marker + " service, " + marker + " is healthy");
            String deleted = client.post("general", "secret " + marker + " note");
            client.awaitAck(client.send("message.delete", "message_id", deleted));
        }
        given().auth().oauth2(kim.token()).queryParam("q", marker + " deploy")
                .get("/api/messages/search")
                .then().statusCode(200)
                .body("results.size()", equalTo(2))
                .body("results.content", not(hasItem(containsString("secret"))));
        given().auth().oauth2(kim.token()).queryParam("q", marker).queryParam("channel", "agents")
                .get("/api/messages/search")
                .then().statusCode(200)
                .body("results.size()", equalTo(1))
                .body("results[0].channel", equalTo("agents"));
        given().auth().oauth2(kim.token()).queryParam("q", "").get("/api/messages/search")
                .then().statusCode(400);
        given().auth().oauth2(kim.token()).queryParam("q", marker).queryParam("channel", "nowhere")
                .get("/api/messages/search")
                .then().statusCode(404);
    }

    @Test
    void theWebClientOpenApiAndHealthAreServed() {
        String policy = given().get("/").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("<chat-app>")).body(containsString("<script type=\"importmap\">"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().header("Content-Security-Policy");
        // no inline script may run: only the import map, by its hash
        String scripts = java.util.Arrays.stream(policy.split(";")).map(String::trim)
                .filter(directive -> directive.startsWith("script-src")).findFirst().orElseThrow();
        assertThat(scripts).startsWith("script-src 'self' 'sha256-").doesNotContain("unsafe");
        assertThat(policy).contains("object-src 'none'");
        given().get("/app/main.js").then().statusCode(200).body(containsString("chat-app"));
        given().get("/_static/lit/index.js").then().statusCode(200);
        given().get("/vendor/highlight.js/11.11.1/core.js").then().statusCode(200).body(containsString("export default"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/auth/login"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void unknownPathsAndMethodsAreProblemsNotStackTraces() {
        String token = Accounts.member("leo").token();
        given().auth().oauth2(token).get("/api/nothing-here").then().statusCode(404);
        given().auth().oauth2(token).delete("/api/me").then().statusCode(405).body(not(containsString("at dev.")));
    }
}
