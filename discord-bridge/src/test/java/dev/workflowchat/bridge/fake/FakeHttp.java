package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw REST calls as the bot, for answers JDA never lets a caller see (it refuses before asking). */
final class FakeHttp {

    private FakeHttp() {
    }

    /** POSTs JSON under the API base with the bot's token; {@code {"status": …, "body": {…}}}. */
    static JsonObject postAsBot(FakeDiscord discord, String route, JsonObject body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(discord.restBaseUrl() + route))
                    .header("Authorization", "Bot " + FakeDiscord.BOT_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
            return new JsonObject().put("status", response.statusCode())
                    .put("body", response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
