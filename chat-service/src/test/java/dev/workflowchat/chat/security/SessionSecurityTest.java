package dev.workflowchat.chat.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Login sessions end to end: the cookie, logout, expiry, removed users, changed roles, stored passwords, guessing. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SessionSecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CLOSE_POLICY_VIOLATION = 1008;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool database;

    @Inject
    SessionStore sessions;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void behindTlsTheCookieIsSecureHttpOnlyAndSameSite() {
        SignedIn tls = Accounts.member("tls");
        Response login = given().header("X-Forwarded-Proto", "https").contentType(ContentType.JSON)
                .body(Map.of("username", tls.username(), "password", Accounts.PASSWORD))
                .post("/api/auth/login");
        login.then().statusCode(200);
        assertThat(login.getHeader("Set-Cookie")).contains("HttpOnly").contains("SameSite=Lax").contains("Secure");
        String logout = given().header("X-Forwarded-Proto", "https").auth().oauth2(login.path("token"))
                .post("/api/auth/logout").then().statusCode(204).extract().header("Set-Cookie");
        assertThat(logout).contains("Max-Age=0").contains("Secure").contains("HttpOnly");
    }

    @Test
    void logoutEndsThatSessionEverywhereAndNoOther() {
        SignedIn pat = Accounts.member("pat");
        SignedIn patElsewhere = Accounts.login(pat.username(), Accounts.PASSWORD);
        try (ChatClient socket = ChatClient.connect(base, pat.token());
             ChatClient otherSocket = ChatClient.connect(base, patElsewhere.token())) {
            given().auth().oauth2(pat.token()).post("/api/auth/logout").then().statusCode(204);

            given().auth().oauth2(pat.token()).get("/api/me").then().statusCode(401);
            given().cookie("wfchat_session", pat.token()).get("/api/me").then().statusCode(401);
            assertThat(socket.closed()).succeedsWithin(WAIT).isEqualTo(CLOSE_POLICY_VIOLATION);
            assertThat(upgradeStatus(pat.token())).isEqualTo(401);

            given().auth().oauth2(patElsewhere.token()).get("/api/me").then().statusCode(200);
            otherSocket.awaitAck(otherSocket.send("typing", "channel", "general"));
        }
    }

    @Test
    void anExpiredSessionIsRefusedAndEndsAnOpenSocket() {
        SignedIn sam = Accounts.member("sam");
        String expired = sessions.create(sam.username(), Duration.ofSeconds(-1)).await().atMost(WAIT);
        given().auth().oauth2(expired).get("/api/me").then().statusCode(401);
        assertThat(upgradeStatus(expired)).isEqualTo(401);

        try (ChatClient socket = ChatClient.connect(base, sam.token())) {
            sql("UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
                    SessionTokens.hash(sam.token()));
            assertEnded(socket);
        }
    }

    @Test
    void aSilentSocketIsClosedOnceItsSessionHasEnded() {
        SignedIn quiet = Accounts.member("quiet");
        try (ChatClient socket = ChatClient.connect(base, quiet.token())) {
            sql("UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
                    SessionTokens.hash(quiet.token()));
            // no frame is sent: the recheck job (every second in tests) finds the session gone
            assertThat(socket.closed()).succeedsWithin(WAIT).isEqualTo(CLOSE_POLICY_VIOLATION);
        }
    }

    @Test
    void aRemovedUserLosesTheirOpenSocket() {
        SignedIn leaver = Accounts.member("leaver");
        try (ChatClient socket = ChatClient.connect(base, leaver.token())) {
            socket.awaitAck(socket.send("typing", "channel", "general"));
            sql("DELETE FROM users WHERE username = $1", leaver.username());
            given().auth().oauth2(leaver.token()).get("/api/me").then().statusCode(401);
            assertEnded(socket);
        }
    }

    @Test
    void anApproverDowngradedToMemberMayNoLongerDecideOnAnOpenSocket() {
        SignedIn vera = Accounts.approver("vera");
        Agent agent = new Agent(redis, names);
        try (ChatClient socket = ChatClient.connect(base, vera.token())) {
            sql("UPDATE users SET roles = '{member}' WHERE username = $1", vera.username());
            given().auth().oauth2(vera.token()).get("/api/me").then().statusCode(200).body("roles", equalTo(java.util.List.of("member")));

            String approval = Agent.newId();
            agent.add(Agent.approvalRequest(approval, "code", "code_change", "Downgrade " + approval, "{}", 600));
            await().atMost(ChatClient.WAIT).until(() -> given().auth().oauth2(vera.token())
                    .get("/api/approvals/" + approval).statusCode() == 200);
            given().auth().oauth2(vera.token()).contentType(ContentType.JSON).body(Map.of("action", "approve"))
                    .post("/api/approvals/" + approval + "/decision").then().statusCode(403);
            // deciding always rechecks the session: no stale roles, not even for one frame
            JsonNode refused = socket.awaitAnswer(socket.send("approval.respond", "approval_id", approval, "action", "approve"));
            assertThat(refused.path("code").asText()).isEqualTo("forbidden");
            JsonNode slash = socket.awaitAnswer(socket.send("message.send", "channel", "general",
                    "content", "/approve " + approval));
            assertThat(slash.toString()).doesNotContain("\"ok\":true");
            assertThat(socket.isOpen()).isTrue();
            given().auth().oauth2(Accounts.admin().token()).get("/api/approvals/" + approval)
                    .then().statusCode(200).body("status", equalTo("pending"));
        }
    }

    @Test
    void passwordsAreStoredAsBcryptHashesOnly() {
        SignedIn hashed = Accounts.member("hashed");
        String stored = database.preparedQuery("SELECT password_hash FROM users WHERE username = $1")
                .execute(Tuple.of(hashed.username())).await().atMost(WAIT).iterator().next().getString(0);
        assertThat(stored).matches("\\$2[aby]\\$1[0-9]\\$[./A-Za-z0-9]{53}").doesNotContain(Accounts.PASSWORD);
        long plain = database.preparedQuery("SELECT count(*) FROM users WHERE password_hash NOT LIKE '$2_$%'")
                .execute().await().atMost(WAIT).iterator().next().getLong(0);
        assertThat(plain).as("accounts whose password is not a bcrypt hash").isZero();
    }

    @Test
    void repeatedFailedLoginsAreThrottledPerUsernameAndAddress() {
        SignedIn target = Accounts.member("target");
        for (int attempt = 1; attempt <= 5; attempt++) {
            login(target.username(), "guess-" + attempt, null).then().statusCode(401);
        }
        Response refused = login(target.username(), Accounts.PASSWORD, null);
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("rate_limited"));
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 15 * 60);
        login(target.username().toUpperCase(), "guess-6", null).then().statusCode(429);

        // the same person from another address, and another person from this one, are not held up
        login(target.username(), Accounts.PASSWORD, "203.0.113.7").then().statusCode(200);
        SignedIn bystander = Accounts.member("bystander");
        login(bystander.username(), Accounts.PASSWORD, null).then().statusCode(200);
    }

    @Test
    void aGuesserWhoForgesAddressesBehindTheProxyIsHeldToTheAddressTheProxySaw() {
        // the probe: 20 guesses, each with a new forged X-Forwarded-For, locked the real user out
        // for 15 minutes. The proxy (127.0.0.1 in tests, trusted) appends the address it saw; only
        // that rightmost entry counts, so the forger is the one held up.
        SignedIn target = Accounts.member("forged");
        for (int attempt = 1; attempt <= 5; attempt++) {
            login(target.username(), "guess-" + attempt, "10.9.8." + attempt + ", 198.51.100.66").then().statusCode(401);
        }
        login(target.username(), "guess-6", "10.9.8.99, 198.51.100.66").then().statusCode(429);
        login(target.username(), Accounts.PASSWORD, "203.0.113.50").then().statusCode(200);
    }

    @Test
    void aGuesserWithManyAddressesSlowsTheUsernameButNeverLocksThePersonOut() {
        SignedIn target = Accounts.member("spread");
        // 20 guesses from 20 real addresses: past the username's limit (10), each try waits longer
        for (int attempt = 1; attempt <= 20; attempt++) {
            String password = "guess-" + attempt;
            String address = "198.51.100." + attempt;
            Response guess = login(target.username(), password, address);
            if (guess.statusCode() == 429) {
                await().atMost(ChatClient.WAIT).until(() -> login(target.username(), password, address).statusCode() == 401);
            } else {
                guess.then().statusCode(401);
            }
        }
        Response waiting = login(target.username(), Accounts.PASSWORD, "203.0.113.50");
        waiting.then().statusCode(429).body("code", equalTo("rate_limited"));
        assertThat(Integer.parseInt(waiting.getHeader("Retry-After"))).as("at most the longest wait (2 s in tests)")
                .isBetween(1, 2);
        // the person, after the wait, from wherever: in (a lockout would have held for 15 minutes)
        await().atMost(ChatClient.WAIT).until(() -> login(target.username(), Accounts.PASSWORD, "203.0.113.50")
                .statusCode() == 200);
    }

    @Test
    void aRightPasswordBeforeTheLimitForgetsEarlierSlips() {
        SignedIn typo = Accounts.member("typo");
        for (int round = 0; round < 2; round++) {
            for (int attempt = 1; attempt <= 4; attempt++) {
                login(typo.username(), "typo-" + attempt, null).then().statusCode(401);
            }
            login(typo.username(), Accounts.PASSWORD, null).then().statusCode(200);
        }
    }

    private static Response login(String username, String password, String forwardedFor) {
        var request = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.post("/api/auth/login");
    }

    /**
     * The socket's session has ended: it is closed as a policy violation, at its next frame or by the
     * sweep of silent sockets, whichever comes first, and a frame it sent after the end was refused.
     */
    private static void assertEnded(ChatClient socket) {
        await().atMost(ChatClient.WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (!socket.closed().isDone()) {
                try {
                    socket.send("typing", "channel", "general");
                } catch (RuntimeException closedMeanwhile) {
                    // the sweep closed it between the check and the send
                }
            }
            return socket.closed().isDone();
        });
        assertThat(socket.closed()).succeedsWithin(WAIT).isEqualTo(CLOSE_POLICY_VIOLATION);
        assertThat(socket.framesOfType("error")).allSatisfy(error ->
                assertThat(error.path("code").asText()).isEqualTo("unauthorized"));
    }

    private int upgradeStatus(String token) {
        Throwable failure = catchThrowable(() -> ChatClient.connect(base, token).close());
        assertThat(failure).isNotNull();
        assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    private void sql(String statement, String parameter) {
        assertThat(database.preparedQuery(statement).execute(Tuple.of(parameter)).await().atMost(WAIT).rowCount())
                .as(statement).isEqualTo(1);
    }
}
