package dev.workflowchat.chat.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Every kind of response carries the browser-hardening headers: the page, the API (answers and problems), files. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecurityHeadersTest {

    @Test
    void everyKindOfResponseIsHardened() {
        String token = Accounts.member("headers").token();
        String image = Uploads.uploaded(token, "pic.png", Uploads.image("png", 24, 24));
        String text = Uploads.uploaded(token, "page.html", Uploads.text("<script>alert(1)</script>"));
        Map<String, Supplier<Response>> responses = new LinkedHashMap<>();
        responses.put("the page /", () -> given().get("/"));
        responses.put("a script of the page", () -> given().get("/app/main.js"));
        responses.put("an API answer", () -> given().auth().oauth2(token).get("/api/me"));
        responses.put("an API problem (401)", () -> given().get("/api/me"));
        responses.put("an API problem (404)", () -> given().auth().oauth2(token).get("/api/nothing-here"));
        responses.put("an image file", () -> given().auth().oauth2(token).get("/api/files/" + image));
        responses.put("a thumbnail", () -> given().auth().oauth2(token).get("/api/files/" + image + "/thumbnail"));
        responses.put("a text file holding HTML", () -> given().auth().oauth2(token).get("/api/files/" + text));
        responses.put("health", () -> given().get("/q/health/ready"));

        SoftAssertions softly = new SoftAssertions();
        responses.forEach((what, request) -> {
            Response response = request.get();
            String policy = response.getHeader("Content-Security-Policy");
            softly.assertThat(policy).as(what + ": a CSP").isNotNull();
            if (policy != null) {
                softly.assertThat(directive(policy, "frame-ancestors")).as(what + ": frame-ancestors").isEqualTo("frame-ancestors 'none'");
                String scripts = directive(policy, "script-src");
                String effective = scripts != null ? scripts : directive(policy, "default-src");
                softly.assertThat(effective).as(what + ": scripts").isNotNull().doesNotContain("'unsafe-inline'")
                        .doesNotContain("'unsafe-eval'").doesNotContain("*");
            }
            softly.assertThat(response.getHeader("X-Content-Type-Options")).as(what + ": nosniff").isEqualTo("nosniff");
            softly.assertThat(response.getHeader("Referrer-Policy")).as(what + ": Referrer-Policy")
                    .isIn("same-origin", "no-referrer", "strict-origin-when-cross-origin");
            softly.assertThat(response.getHeader("X-Frame-Options")).as(what + ": X-Frame-Options").isEqualTo("DENY");
        });
        softly.assertAll();
    }

    @Test
    void filesAreSandboxedAndHtmlIsNeverServedAsHtml() {
        String token = Accounts.member("sandbox").token();
        String html = Uploads.uploaded(token, "evil.html", Uploads.text("<!doctype html><script>alert(document.cookie)</script>"));
        Response file = given().auth().oauth2(token).get("/api/files/" + html);
        file.then().statusCode(200);
        assertThat(file.getContentType()).doesNotContain("html").doesNotContain("svg").doesNotContain("xml");
        assertThat(file.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(file.getHeader("Content-Security-Policy")).contains("sandbox").contains("default-src 'none'");
    }

    private static String directive(String policy, String name) {
        return Arrays.stream(policy.split(";")).map(String::strip)
                .filter(directive -> directive.startsWith(name + " ")).findFirst().orElse(null);
    }
}
