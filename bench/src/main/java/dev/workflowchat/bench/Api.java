package dev.workflowchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The chat's REST API as the bench uses it: accounts, channels, history and search. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSWORD = "bench-password-1";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminToken;

    Api(Target target) {
        this.base = target.base();
        this.adminToken = login("admin", target.adminPassword());
    }

    /** Creates {@code count} members named {@code prefix-N} and logs each in; returns their tokens. */
    List<String> users(String prefix, int count) {
        List<CompletableFuture<String>> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = prefix + "-" + i;
            tokens.add(sendAsync("POST", "/api/users", adminToken, Map.of("username", username, "password", PASSWORD,
                    "display_name", "Bench " + i, "roles", List.of("member")))
                    .thenApply(created -> expect(created, 201, "creating " + username))
                    .thenCompose(ignored -> sendAsync("POST", "/api/auth/login", null,
                            Map.of("username", username, "password", PASSWORD)))
                    .thenApply(login -> read(expect(login, 200, "logging in " + username)).path("token").asText()));
        }
        return tokens.stream().map(CompletableFuture::join).toList();
    }

    void channel(String name) {
        expect(sendAsync("POST", "/api/channels", adminToken, Map.of("name", name, "description", "bench")).join(), 201,
                "creating channel " + name);
    }

    /** The newest message of a channel, or null. */
    JsonNode newestMessage(String channel, String token) {
        JsonNode page = read(expect(sendAsync("GET", "/api/channels/" + channel + "/messages?limit=1", token, null).join(),
                200, "reading " + channel));
        JsonNode messages = page.path("messages");
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }

    /** A page of history (REST; the WebSocket's {@code history} frame is served by the same code). */
    CompletableFuture<HttpResponse<String>> history(String channel, long beforeSeq, int limit, String token) {
        return sendAsync("GET", "/api/channels/" + channel + "/messages?before_seq=" + beforeSeq + "&limit=" + limit,
                token, null);
    }

    /** A search, answered or not; the caller times it. */
    CompletableFuture<HttpResponse<String>> search(String query, String channel, String token) {
        return sendAsync("GET", "/api/messages/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&channel=" + channel, token, null);
    }

    private String login(String username, String password) {
        HttpResponse<String> response = sendAsync("POST", "/api/auth/login", null,
                Map.of("username", username, "password", password)).join();
        return read(expect(response, 200, "logging in as " + username)).path("token").asText();
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }
}
