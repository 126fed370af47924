package dev.workflowchat.chat.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Account basics over the API: a person changes their password (their other sessions and sockets
 * end, this one stays); an admin disables an account (it can't log in, its sessions and sockets
 * end at once) and enables it again. Passwords longer than bcrypt reads (72 bytes) are refused.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AccountBasicsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aPersonChangesTheirPasswordAndTheirOtherSessionsEnd() {
        SignedIn person = Accounts.member("changer");
        String other = Accounts.login(person.username(), Accounts.PASSWORD).token();
        try (ChatClient elsewhere = ChatClient.connect(base, other)) {
            change(person.token(), "wrong-password", "a-new-password-1").then().statusCode(403)
                    .body("code", equalTo("forbidden"));
            change(person.token(), Accounts.PASSWORD, "short").then().statusCode(400);
            change(person.token(), Accounts.PASSWORD, "é".repeat(40)).then().statusCode(400); // 80 bytes
            change(person.token(), Accounts.PASSWORD, "a-new-password-1").then().statusCode(204);

            assertThat(elsewhere.closed().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo(1008);
            given().auth().oauth2(other).get("/api/me").then().statusCode(401);
            given().auth().oauth2(person.token()).get("/api/me").then().statusCode(200);
            login(person.username(), Accounts.PASSWORD).then().statusCode(401);
            login(person.username(), "a-new-password-1").then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body(Map.of("current_password", "x", "new_password", "a-new-password-2"))
                .post("/api/me/password").then().statusCode(401);
    }

    @Test
    void anAdminDisablesAnAccountAtOnceAndEnablesItAgain() {
        SignedIn admin = Accounts.admin();
        SignedIn person = Accounts.member("disabled");
        try (ChatClient socket = ChatClient.connect(base, person.token())) {
            given().auth().oauth2(person.token()).post("/api/users/{name}/disable", admin.username()).then().statusCode(403);
            given().auth().oauth2(admin.token()).post("/api/users/{name}/disable", person.username()).then()
                    .statusCode(200).body("disabled", equalTo(true));
            assertThat(socket.closed().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo(1008);
        }
        given().auth().oauth2(person.token()).get("/api/me").then().statusCode(401);
        login(person.username(), Accounts.PASSWORD).then().statusCode(401);
        assertThat(given().auth().oauth2(admin.token()).get("/api/users").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.username == '" + person.username() + "' }.disabled")).containsExactly(true);
        assertThat(given().auth().oauth2(person.token()).get("/api/users").statusCode()).isEqualTo(401);

        given().auth().oauth2(admin.token()).post("/api/users/{name}/disable", admin.username()).then().statusCode(400);
        given().auth().oauth2(admin.token()).post("/api/users/{name}/disable", "nobody-here").then().statusCode(404);
        given().auth().oauth2(admin.token()).post("/api/users/{name}/enable", person.username()).then().statusCode(200);
        await().atMost(ChatClient.WAIT).until(() -> login(person.username(), Accounts.PASSWORD).statusCode() == 200);
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedRatherThanCutShort() {
        String admin = Accounts.admin().token();
        String seventyTwo = "p".repeat(72);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", "longpw" + System.nanoTime() % 100000, "password", seventyTwo + "X"))
                .post("/api/users").then().statusCode(400).body("code", equalTo("bad_request"));
        String name = "exactpw" + System.nanoTime() % 100000;
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", seventyTwo)).post("/api/users").then().statusCode(201);
        login(name, seventyTwo).then().statusCode(200);
        // bcrypt alone would let these in: only the first 72 bytes would count
        login(name, seventyTwo + "anything").then().statusCode(401);
    }

    private static io.restassured.response.Response change(String token, String current, String next) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("current_password", current, "new_password", next)).post("/api/me/password");
    }

    private static io.restassured.response.Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login");
    }
}
