package dev.workflowchat.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's MCP agent key: the admin signs in and mints one for agent {@value #AGENT}, good for a
 * day, as a person would in Administration › Agent keys. No key (an admin whose password changed):
 * the demo runs without its MCP agent.
 */
public final class DemoAgentKey {

    public static final String AGENT = "claude";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"");

    private DemoAgentKey() {
    }

    /** The key's secret; empty when the admin can't sign in or the key is refused. */
    public static Optional<String> mint(int port, String loginBody) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            Optional<String> token = signIn(http, port, loginBody);
            if (token.isEmpty()) {
                return Optional.empty();
            }
            return post(http, port, "/api/agents/" + AGENT + "/keys", token.get(),
                    "{\"label\":\"./run.sh --demo\",\"expires_in_days\":1}", 201).flatMap(body -> found(SECRET, body));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A session token for {@code loginBody}'s person ({@code {"username":…,"password":…}}). */
    public static Optional<String> signIn(HttpClient http, int port, String loginBody)
            throws IOException, InterruptedException {
        return post(http, port, "/api/auth/login", null, loginBody, 200).flatMap(body -> found(TOKEN, body));
    }

    private static Optional<String> post(HttpClient http, int port, String path, String bearer, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == expected ? Optional.of(response.body()) : Optional.empty();
    }

    private static Optional<String> found(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
