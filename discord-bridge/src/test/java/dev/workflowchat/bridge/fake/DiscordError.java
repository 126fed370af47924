package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A REST failure the way Discord words it: HTTP status plus its JSON error code and message. */
final class DiscordError extends RuntimeException {

    final int status;
    final JsonObject body;

    private DiscordError(int status, JsonObject body) {
        super(body.getString("message"));
        this.status = status;
        this.body = body;
    }

    static DiscordError unauthorized() {
        return new DiscordError(401, DiscordJson.error(0, "401: Unauthorized"));
    }

    static DiscordError notFound() {
        return new DiscordError(404, DiscordJson.error(0, "404: Not Found"));
    }

    static DiscordError methodNotAllowed() {
        return new DiscordError(405, DiscordJson.error(0, "405: Method Not Allowed"));
    }

    static DiscordError unknownChannel() {
        return new DiscordError(404, DiscordJson.error(10003, "Unknown Channel"));
    }

    static DiscordError unknownMessage() {
        return new DiscordError(404, DiscordJson.error(10008, "Unknown Message"));
    }

    static DiscordError unknownGuild() {
        return new DiscordError(404, DiscordJson.error(10004, "Unknown Guild"));
    }

    static DiscordError unknownMember() {
        return new DiscordError(404, DiscordJson.error(10007, "Unknown Member"));
    }

    static DiscordError unknownWebhook() {
        return new DiscordError(404, DiscordJson.error(10015, "Unknown Webhook"));
    }

    static DiscordError invalidWebhookToken() {
        return new DiscordError(401, DiscordJson.error(50027, "Invalid Webhook Token"));
    }

    static DiscordError cannotEditOthersMessage() {
        return new DiscordError(403, DiscordJson.error(50005, "Cannot edit a message authored by another user"));
    }

    static DiscordError unknownInteraction() {
        return new DiscordError(404, DiscordJson.error(10062, "Unknown interaction"));
    }

    static DiscordError alreadyAcknowledged() {
        return new DiscordError(400, DiscordJson.error(40060, "Interaction has already been acknowledged."));
    }

    static DiscordError missingPermissions() {
        return new DiscordError(403, DiscordJson.error(50013, "Missing Permissions"));
    }

    /** A file over the guild's upload limit: 413 with code 40005, before anything is posted. */
    static DiscordError entityTooLarge() {
        return new DiscordError(413, DiscordJson.error(40005, "Request entity too large"));
    }

    static DiscordError unknownEmoji() {
        return new DiscordError(400, DiscordJson.error(10014, "Unknown Emoji"));
    }

    static DiscordError emptyMessage() {
        return new DiscordError(400, DiscordJson.error(50006, "Cannot send an empty message"));
    }

    /** Discord's 50035 with the per-field detail it gives, e.g. content over 2,000 characters. */
    static DiscordError invalidField(String field, String errorCode, String message) {
        JsonObject fieldErrors = new JsonObject().put("_errors", new JsonArray()
                .add(new JsonObject().put("code", errorCode).put("message", message)));
        return new DiscordError(400, DiscordJson.error(50035, "Invalid Form Body")
                .put("errors", new JsonObject().put(field, fieldErrors)));
    }

    /** Starting a thread from a message that has one: 400 with code 160004. */
    static DiscordError threadAlreadyCreated() {
        return new DiscordError(400, DiscordJson.error(160004, "A thread has already been created for this message"));
    }

    /** A webhook message for a forum channel names no thread (no thread_id, no thread_name): 400 with 220001. */
    static DiscordError forumWebhookWithoutThread() {
        return new DiscordError(400, DiscordJson.error(220001,
                "Webhooks posted to forum channels must have a thread_name or thread_id"));
    }

    static DiscordError badJson() {
        return new DiscordError(400, DiscordJson.error(50109, "The request body contains invalid JSON."));
    }
}
