package dev.workflowchat.chat.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes users with unique names through the real REST API and logs them in. */
public final class Accounts {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    public static final String PASSWORD = "correct-horse-battery";

    private Accounts() {
    }

    /** A signed-in user: name and bearer token. */
    public record SignedIn(String username, String token) {
    }

    public static SignedIn admin() {
        return login("admin", TestServices.ADMIN_PASSWORD);
    }

    public static SignedIn member(String prefix) {
        return create(prefix, List.of());
    }

    public static SignedIn approver(String prefix) {
        return create(prefix, List.of("approver"));
    }

    public static SignedIn create(String prefix, List<String> roles) {
        String username = prefix + "-" + ProcessHandle.current().pid() % 1000 + "-" + COUNTER.incrementAndGet();
        given().auth().oauth2(admin().token())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "roles", roles,
                        "display_name", "User " + username))
                .post("/api/users")
                .then().statusCode(201);
        return login(username, PASSWORD);
    }

    public static SignedIn login(String username, String password) {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/auth/login")
                .then().statusCode(200)
                .extract().path("token");
        return new SignedIn(username, token);
    }
}
