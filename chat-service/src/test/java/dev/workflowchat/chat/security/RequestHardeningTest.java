package dev.workflowchat.chat.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ErrorLog;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probe's low findings, each reproduced: a state-changing call from another site (logout, an
 * upload) relied on SameSite alone, and the origin check ignored the scheme; a body sent without a
 * length skipped the 1 MiB limit; NUL in a search or an approval id answered 500 with a stack trace.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RequestHardeningTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aStateChangingCallFromAnotherSiteIsRefusedBeforeItActs() {
        String token = Accounts.member("victim").token();
        String ownOrigin = "http://" + base.getHost() + ":" + base.getPort();
        given().auth().oauth2(token).header("Origin", "https://evil.example").post("/api/auth/logout")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        given().auth().oauth2(token).header("Origin", "https://evil.example")
                .multiPart("file", "x.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/uploads").then().statusCode(403);
        // the same host under another scheme is another site
        given().auth().oauth2(token).header("Origin", "https://" + base.getHost() + ":" + base.getPort())
                .post("/api/auth/logout").then().statusCode(403);
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        // reading is not changing; the page's own origin and clients without one act as always
        given().auth().oauth2(token).header("Origin", "https://evil.example").get("/api/me").then().statusCode(200);
        given().auth().oauth2(token).header("Origin", ownOrigin)
                .multiPart("file", "x.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/uploads").then().statusCode(201);
        given().auth().oauth2(token).header("Origin", ownOrigin).post("/api/auth/logout").then().statusCode(204);
    }

    @Test
    void aBodyWithoutALengthIsHeldToTheSameLimit() throws Exception {
        String login = "{\"username\":\"admin\",\"password\":\"" + TestServices.ADMIN_PASSWORD + "\"}";
        HttpResponse<String> small = HTTP.send(chunked("/api/auth/login", login.getBytes(StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).contains("\"token\"");

        byte[] big = ("{\"username\":\"" + "x".repeat(3 * 1024 * 1024) + "\",\"password\":\"p\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = HTTP.send(chunked("/api/auth/login", big), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("too_large");
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void nulInASearchOrAnApprovalIdIsABadInputNotAServerError() {
        String token = Accounts.member("nul").token();
        try (ErrorLog log = ErrorLog.watch()) {
            given().auth().oauth2(token).queryParam("q", "a\u0000b").get("/api/messages/search")
                    .then().statusCode(400).body("code", equalTo("bad_request"));
            given().auth().oauth2(token).urlEncodingEnabled(false).get("/api/approvals/%00")
                    .then().statusCode(404).body("code", equalTo("not_found"));
            given().auth().oauth2(Accounts.admin().token()).urlEncodingEnabled(false).contentType(ContentType.JSON)
                    .body(Map.of("action", "approve")).post("/api/approvals/%00/decision").then().statusCode(404);
            assertThat(log.errors()).isEmpty();
        }
    }

    /** A POST whose body streams without a Content-Length (chunked transfer encoding). */
    private HttpRequest chunked(String path, byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> unsized(body)))
                .build();
    }

    private static InputStream unsized(byte[] body) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 8192));
            }

        };
    }
}
