package dev.workflowchat.chat.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Makes hooks through the real REST API (as the admin) and posts to them as Slack's senders and GitHub do. */
public final class Hooks {

    private Hooks() {
    }

    /** A hook just made: its id, path ({@code /hooks/<secret>}), URL and, for GitHub, signing secret. */
    public record Made(String id, String path, String url, String signingSecret) {
    }

    public static Made incoming(Accounts accounts, String channel, String name) {
        return make(accounts, Map.of("channel", channel, "name", name, "kind", "incoming"));
    }

    public static Made github(Accounts accounts, String channel, String name, String project) {
        Map<String, Object> body = new HashMap<>(Map.of("channel", channel, "name", name, "kind", "github"));
        if (project != null) {
            body.put("project", project);
        }
        return make(accounts, body);
    }

    private static Made make(Accounts accounts, Map<String, Object> body) {
        var created = accounts.request().auth().oauth2(accounts.signInAdmin().token()).contentType(ContentType.JSON)
                .body(body).post("/api/hooks").then().statusCode(201).extract().jsonPath();
        return new Made(created.getString("hook.id"), created.getString("path"), created.getString("url"),
                created.getString("signing_secret"));
    }

    public static Response postJson(Accounts accounts, String path, String json) {
        return accounts.request().contentType(ContentType.JSON).body(json).post(path);
    }

    /** A GitHub delivery of {@code event}, signed with {@code secret} as GitHub signs (HMAC-SHA256 of the body). */
    public static Response github(Accounts accounts, Made hook, String event, String delivery, byte[] body) {
        return accounts.request().contentType(ContentType.JSON)
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", signature(hook.signingSecret(), body))
                .body(body).post(hook.path());
    }

    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A payload of src/test/resources/github, as GitHub would send its bytes. */
    public static byte[] fixture(String name) {
        try (InputStream in = Hooks.class.getResourceAsStream("/github/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
