package dev.workflowchat.bridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.bridge.config.BridgeConfig;
import dev.workflowchat.protocol.ProtocolJson;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Files between the two sides: the bridge signs in to the chat-service as its own account,
 * uploads what people attach in Discord (Discord's URLs expire) and downloads what people attach
 * in the web chat. Without a password for that account, files are linked instead.
 */
@ApplicationScoped
public class ChatFiles {

    private static final long MAX_BYTES = 10L * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final URI chat;
    private final String username;
    private final Optional<String> password;
    private volatile String token;

    public ChatFiles(BridgeConfig config) {
        this.chat = URI.create(config.chat().url().endsWith("/") ? config.chat().url() : config.chat().url() + "/");
        this.username = config.bridge().username();
        this.password = config.bridge().password().filter(p -> !p.isBlank());
    }

    public boolean enabled() {
        return password.isPresent();
    }

    /** Fetches a file from anywhere (a Discord CDN URL), at most 10 MB. */
    public CompletionStage<byte[]> download(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200 || response.body().length > MAX_BYTES) {
                throw new IllegalStateException("could not fetch " + url + " (HTTP " + response.statusCode() + ")");
            }
            return response.body();
        });
    }

    /**
     * Fetches a web chat attachment ({@code /api/files/…}) as the bridge account. Fails with {@link Unavailable}
     * when the chat-service will never give it (403, 404, 410, over 10 MB), with anything else when it may later.
     */
    public CompletionStage<byte[]> downloadFromChat(String path) {
        return authorized(token -> http.sendAsync(HttpRequest.newBuilder(chat.resolve(path.replaceFirst("^/", "")))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()))
                .thenApply(response -> {
                    int status = response.statusCode();
                    if (status == 403 || status == 404 || status == 410) {
                        throw new Unavailable("HTTP " + status);
                    }
                    if (status != 200) {
                        throw new IllegalStateException("the chat-service answered HTTP " + status + " for a file");
                    }
                    if (response.body().length > MAX_BYTES) {
                        throw new Unavailable("over " + MAX_BYTES / (1024 * 1024) + " MB");
                    }
                    return response.body();
                });
    }

    /** The chat-service will never give the bridge this file: no point in asking again. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String why) {
            super(why);
        }
    }

    /** Uploads as the bridge account; completes with the new upload's id. */
    public CompletionStage<String> upload(String fileName, byte[] bytes) {
        String boundary = "wfchat-" + UUID.randomUUID();
        byte[] body = multipart(boundary, fileName, bytes);
        return authorized(token -> http.sendAsync(HttpRequest.newBuilder(chat.resolve("api/uploads"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString()))
                .thenApply(response -> {
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("the chat-service refused " + fileName + ": HTTP "
                                + response.statusCode() + " " + response.body());
                    }
                    return read(response.body()).path("id").asText();
                });
    }

    /** Runs a request with the session token, signing in first and once more after a 401. */
    private <T> CompletionStage<HttpResponse<T>> authorized(
            java.util.function.Function<String, CompletableFuture<HttpResponse<T>>> request) {
        return token().thenCompose(request).thenCompose(response -> {
            if (response.statusCode() != 401) {
                return CompletableFuture.completedFuture(response);
            }
            token = null;
            return token().thenCompose(request);
        });
    }

    private CompletionStage<String> token() {
        String current = token;
        if (current != null) {
            return CompletableFuture.completedFuture(current);
        }
        if (password.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no password for the bridge account"));
        }
        String login = ProtocolJson.mapper().valueToTree(Map.of("username", username, "password", password.get())).toString();
        return http.sendAsync(HttpRequest.newBuilder(chat.resolve("api/auth/login")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(login)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        Log.warnf("the bridge account '%s' could not sign in to the chat-service (HTTP %d)", username,
                                response.statusCode());
                        throw new IllegalStateException("the bridge account could not sign in");
                    }
                    token = read(response.body()).path("token").asText();
                    return token;
                });
    }

    private static byte[] multipart(String boundary, String fileName, byte[] bytes) {
        String safeName = fileName.replaceAll("[\\r\\n\"]", "_");
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 512);
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + safeName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
