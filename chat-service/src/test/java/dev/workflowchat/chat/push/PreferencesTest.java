package dev.workflowchat.chat.push;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Notification preferences kept per person and validated; Web Push off without VAPID keys. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PreferencesTest {

    private static final String VALID = "{\"desktop\":true,\"mentions\":true,\"dms\":false,\"approvals\":true,"
            + "\"muted\":[\"random\",\"dm:code:someone\"]}";

    @TestHTTPResource("/")
    URI base;

    @Test
    void preferencesAreKeptPerPersonAndStartAsTheDefaults() {
        Accounts.SignedIn ann = Accounts.member("prefs");
        Accounts.SignedIn ben = Accounts.member("prefs");
        given(ann.token()).get("/api/me/preferences").then().statusCode(200)
                .body("desktop", equalTo(false)).body("mentions", equalTo(true)).body("dms", equalTo(true))
                .body("approvals", equalTo(true)).body("muted.size()", equalTo(0));
        given(ann.token()).body(VALID).put("/api/me/preferences").then().statusCode(200).body("dms", equalTo(false));
        given(ann.token()).get("/api/me/preferences").then().statusCode(200)
                .body("desktop", equalTo(true)).body("dms", equalTo(false)).body("muted", contains("random", "dm:code:someone"));
        given(ben.token()).get("/api/me/preferences").then().body("desktop", equalTo(false));
        RestAssured.given().baseUri(base.toString()).get("/api/me/preferences").then().statusCode(401);
    }

    @Test
    void badPreferencesAreRefusedWithAProblemAndChangeNothing() {
        Accounts.SignedIn ann = Accounts.member("prefs");
        given(ann.token()).body(VALID).put("/api/me/preferences").then().statusCode(200);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(VALID.replace("\"desktop\":true", "\"desktop\":true,\"sound\":true"), "unknown preference: sound");
        refused.put(VALID.replace("\"desktop\":true", "\"desktop\":\"yes\""), "desktop must be true or false");
        refused.put(VALID.replace("\"desktop\":true,", ""), "desktop must be true or false");
        refused.put(VALID.replace("\"random\"", "\"Not A Channel!\""), "muted must be a list of channel names");
        refused.put(VALID.replace("\"random\"", "42"), "muted must be a list of channel names");
        refused.put(VALID.replace("[\"random\",\"dm:code:someone\"]", "\"random\""), "muted must be a list of channel names");
        refused.put("[true]", "a JSON object");
        refused.put("null", "a JSON object");
        refused.forEach((body, detail) -> given(ann.token()).body(body).put("/api/me/preferences").then()
                .statusCode(400).contentType("application/problem+json").body("detail", startsWith(detail)));
        String tooMany = VALID.replace("[\"random\",\"dm:code:someone\"]",
                "[" + String.join(",", java.util.Collections.nCopies(201, "\"random\"")) + "]");
        given(ann.token()).body(tooMany).put("/api/me/preferences").then().statusCode(413)
                .contentType("application/problem+json");
        given(ann.token()).body("{").put("/api/me/preferences").then().statusCode(400);
        given(ann.token()).get("/api/me/preferences").then().body("dms", equalTo(false))
                .body("muted", contains("random", "dm:code:someone"));
    }

    @Test
    void withoutVapidKeysPushIsOffAndTakesNoSubscription() {
        Accounts.SignedIn ann = Accounts.member("nopush");
        given(ann.token()).get("/api/push/key").then().statusCode(200)
                .body("enabled", equalTo(false)).body("public_key", nullValue()).body("subscriptions", equalTo(0));
        given(ann.token()).body("{\"endpoint\":\"https://push.example.com/x\",\"keys\":{\"p256dh\":\"x\",\"auth\":\"y\"}}")
                .post("/api/push/subscriptions").then().statusCode(409).body("detail", startsWith("Web Push is off"));
    }

    private RequestSpecification given(String token) {
        return RestAssured.given().baseUri(base.toString()).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
