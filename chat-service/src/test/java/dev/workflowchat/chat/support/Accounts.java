package dev.workflowchat.chat.support;

import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes users with unique names through the real REST API and logs them in. */
public final class Accounts {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    public static final String PASSWORD = "correct-horse-battery";
    private static final Accounts IN_PROCESS = new Accounts(null);

    private final URI base;

    private Accounts(URI base) {
        this.base = base;
    }

    /** Accounts on the service of a {@code @QuarkusTest}. */
    public static Accounts inProcess() {
        return IN_PROCESS;
    }

    /** Accounts on a chat-service at {@code base} (a process a test started). */
    public static Accounts on(URI base) {
        return new Accounts(base);
    }

    /** A signed-in user: name and bearer token. */
    public record SignedIn(String username, String token) {
    }

    public static SignedIn admin() {
        return IN_PROCESS.signInAdmin();
    }

    public static SignedIn member(String prefix) {
        return IN_PROCESS.newMember(prefix);
    }

    public static SignedIn approver(String prefix) {
        return IN_PROCESS.newApprover(prefix);
    }

    public static SignedIn create(String prefix, List<String> roles) {
        return IN_PROCESS.newUser(prefix, roles);
    }

    public static SignedIn login(String username, String password) {
        return IN_PROCESS.signIn(username, password);
    }

    public SignedIn signInAdmin() {
        return signIn("admin", TestServices.ADMIN_PASSWORD);
    }

    public SignedIn newMember(String prefix) {
        return newUser(prefix, List.of());
    }

    public SignedIn newApprover(String prefix) {
        return newUser(prefix, List.of("approver"));
    }

    public SignedIn newUser(String prefix, List<String> roles) {
        String username = prefix + "-" + ProcessHandle.current().pid() % 1000 + "-" + COUNTER.incrementAndGet();
        request().auth().oauth2(signInAdmin().token())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "roles", roles,
                        "display_name", "User " + username))
                .post("/api/users")
                .then().statusCode(201);
        return signIn(username, PASSWORD);
    }

    public SignedIn signIn(String username, String password) {
        String token = request().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/auth/login")
                .then().statusCode(200)
                .extract().path("token");
        return new SignedIn(username, token);
    }

    /** A request to this service; in-process tests use RestAssured's configured port. */
    public RequestSpecification request() {
        return base == null ? RestAssured.given() : RestAssured.given().config(bounded()).baseUri(base.toString());
    }

    /** The suite's RestAssured settings with time limits: a service that stops answering fails the test that asked, instead of holding the whole suite. */
    private static RestAssuredConfig bounded() {
        RestAssuredConfig config = RestAssured.config();
        return config.httpClient(config.getHttpClientConfig()
                .setParam("http.connection.timeout", 30_000).setParam("http.socket.timeout", 60_000));
    }
}
