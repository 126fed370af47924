package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Discord's interactions (API v10, "Receiving and Responding"): INTERACTION_CREATE over the gateway for a button
 * click (type 3), a modal submit (type 5) and an application command (type 2); one callback per interaction
 * within 3 s ({@code POST /interactions/{id}/{token}/callback}, types 4, 5, 6, 7, 9 where each is allowed); then
 * the original response and followups through {@code /webhooks/{application.id}/{token}}; and a guild's commands
 * by bulk overwrite ({@code PUT /applications/{app}/guilds/{guild}/commands}).
 */
final class FakeInteractions {

    static final int PING = 1;
    static final int APPLICATION_COMMAND = 2;
    static final int MESSAGE_COMPONENT = 3;
    static final int MODAL_SUBMIT = 5;
    static final int EPHEMERAL = 1 << 6;
    /** Discord's window for the first answer. */
    static final Duration CALLBACK_WINDOW = Duration.ofSeconds(3);

    /** One interaction Discord sent: its token, when, and how the application answered. */
    static final class Sent {
        final JsonObject payload;
        final Instant at = Instant.now();
        final List<JsonObject> callbacks = new ArrayList<>();
        JsonObject original;
        final List<JsonObject> followups = new ArrayList<>();

        Sent(JsonObject payload) {
            this.payload = payload;
        }
    }

    private final MessageBoard board;
    private final BiConsumer<String, JsonObject> dispatch;
    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private final Map<String, JsonArray> guildCommands = new LinkedHashMap<>();

    FakeInteractions(MessageBoard board, BiConsumer<String, JsonObject> dispatch) {
        this.board = board;
        this.dispatch = dispatch;
    }

    /** A person clicks a button under a message: the message as it is now rides along, as Discord sends it. */
    String clickButton(String channelId, String messageId, String userId, String username, String customId) {
        JsonObject message = board.message(channelId, messageId);
        boolean onMessage = message.getJsonArray("components", new JsonArray()).stream()
                .flatMap(row -> ((JsonObject) row).getJsonArray("components").stream())
                .anyMatch(button -> customId.equals(((JsonObject) button).getString("custom_id"))
                        && !((JsonObject) button).getBoolean("disabled", false));
        if (!onMessage) {
            throw new IllegalStateException("no enabled button " + customId + " on message " + messageId);
        }
        JsonObject data = new JsonObject().put("custom_id", customId).put("component_type", 2);
        return send(InteractionShapes.interaction(board, MESSAGE_COMPONENT, channelId, userId, username, data)
                .put("message", message));
    }

    /** A person submits a modal the application opened for them with type 9, with these text inputs' values. */
    String submitModal(String openedBy, Map<String, String> values) {
        Sent opener = sent.get(openedBy);
        JsonObject modal = opener.callbacks.stream().filter(c -> c.getInteger("type") == 9).findFirst()
                .orElseThrow(() -> new IllegalStateException("interaction " + openedBy + " opened no modal"))
                .getJsonObject("data");
        JsonArray submitted = new JsonArray();
        int[] id = {1};
        modal.getJsonArray("components").forEach(top -> {
            JsonObject label = (JsonObject) top;
            JsonObject input = label.getJsonObject("component");
            submitted.add(new JsonObject().put("type", 18).put("id", id[0]++).put("component", new JsonObject()
                    .put("type", 4).put("id", id[0]++).put("custom_id", input.getString("custom_id"))
                    .put("value", values.getOrDefault(input.getString("custom_id"), ""))));
        });
        JsonObject data = new JsonObject().put("custom_id", modal.getString("custom_id")).put("components", submitted);
        JsonObject user = opener.payload.getJsonObject("member").getJsonObject("user");
        JsonObject payload = InteractionShapes.interaction(board, MODAL_SUBMIT, opener.payload.getString("channel_id"),
                user.getString("id"), user.getString("username"), data);
        if (opener.payload.containsKey("message")) {
            payload.put("message", board.message(opener.payload.getString("channel_id"),
                    opener.payload.getJsonObject("message").getString("id")));
        }
        return send(payload);
    }

    /** A person runs a registered chat input command with string options. */
    String runCommand(String channelId, String userId, String username, String name, Map<String, String> options) {
        JsonObject command = commands().stream().map(JsonObject.class::cast)
                .filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no command /" + name + " registered in the guild"));
        JsonArray given = new JsonArray();
        options.forEach((key, value) -> given.add(new JsonObject().put("name", key).put("type", 3).put("value", value)));
        JsonObject data = new JsonObject().put("id", command.getString("id")).put("name", name).put("type", 1)
                .put("guild_id", DiscordJson.GUILD_ID).put("options", given);
        return send(InteractionShapes.interaction(board, APPLICATION_COMMAND, channelId, userId, username, data));
    }

    JsonArray commands() {
        return guildCommands.getOrDefault(DiscordJson.GUILD_ID, new JsonArray()).copy();
    }

    Sent sent(String interactionId) {
        return sent.get(interactionId);
    }

    /** {@code PUT /applications/{app}/guilds/{guild}/commands}: the list replaces the guild's commands. */
    JsonArray overwriteGuildCommands(String applicationId, String guildId, JsonArray commands) {
        if (!DiscordJson.BOT_USER_ID.equals(applicationId)) {
            throw DiscordError.unauthorized();
        }
        if (!DiscordJson.GUILD_ID.equals(guildId)) {
            throw DiscordError.unknownGuild();
        }
        if (commands.size() > 100) {
            throw DiscordError.invalidField("commands", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
        }
        JsonArray stored = new JsonArray();
        for (Object each : commands) {
            JsonObject command = ((JsonObject) each).copy();
            InteractionShapes.checkCommand(command);
            stored.add(command.put("id", board.nextSnowflake()).put("application_id", applicationId)
                    .put("guild_id", guildId).put("version", board.nextSnowflake())
                    .put("type", command.getInteger("type", 1)).put("default_member_permissions", (String) null)
                    .put("nsfw", false));
        }
        guildCommands.put(guildId, stored);
        return stored.copy();
    }

    /** {@code POST /interactions/{id}/{token}/callback}: the one first answer, of a type this interaction allows. */
    void callback(String interactionId, String token, JsonObject body) {
        Sent interaction = sent.get(interactionId);
        if (interaction == null || !interaction.payload.getString("token").equals(token)
                || Duration.between(interaction.at, Instant.now()).compareTo(CALLBACK_WINDOW) > 0) {
            throw DiscordError.unknownInteraction();
        }
        if (!interaction.callbacks.isEmpty()) {
            throw DiscordError.alreadyAcknowledged();
        }
        int kind = interaction.payload.getInteger("type");
        Integer type = body.getInteger("type");
        JsonObject data = body.getJsonObject("data");
        boolean allowed = switch (type == null ? 0 : type) {
            case 4, 5 -> true;
            case 6, 7 -> kind == MESSAGE_COMPONENT || kind == MODAL_SUBMIT && interaction.payload.containsKey("message");
            case 9 -> kind != MODAL_SUBMIT && InteractionShapes.checkModal(data);
            default -> false;
        };
        if (!allowed) {
            throw DiscordError.invalidField("type", "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type");
        }
        if (type == 4 && data != null) {
            String content = data.getString("content", "");
            if (content.length() > 2000) {
                throw DiscordError.invalidField("data.content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
            }
            interaction.original = new JsonObject().put("content", content).put("flags", data.getInteger("flags", 0));
        }
        if (type == 5) {
            interaction.original = new JsonObject().put("content", "").put("flags",
                    data == null ? 0 : data.getInteger("flags", 0)).put("deferred", true);
        }
        interaction.callbacks.add(body.copy());
    }

    /** Whether a token of the application names an interaction answered with a message (4 or 5). */
    boolean knowsToken(String applicationId, String token) {
        return DiscordJson.BOT_USER_ID.equals(applicationId) && byToken(token) != null;
    }

    /** {@code PATCH /webhooks/{app}/{token}/messages/@original}: the response, edited (within 15 minutes). */
    JsonObject editOriginal(String token, JsonObject body) {
        Sent interaction = byToken(token);
        if (interaction.original == null) {
            throw DiscordError.unknownMessage();
        }
        if (body.containsKey("content")) {
            String content = body.getString("content", "");
            if (content.length() > 2000) {
                throw DiscordError.invalidField("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
            }
            interaction.original.put("content", content).remove("deferred");
        }
        return original(interaction);
    }

    /** {@code POST /webhooks/{app}/{token}}: a followup message. */
    JsonObject followup(String token, JsonObject body) {
        Sent interaction = byToken(token);
        if (interaction.callbacks.isEmpty()) {
            throw DiscordError.unknownWebhook();
        }
        JsonObject message = new JsonObject().put("id", board.nextSnowflake()).put("content", body.getString("content", ""))
                .put("flags", body.getInteger("flags", 0));
        interaction.followups.add(message);
        return withMessageShape(message, interaction);
    }

    JsonObject original(Sent interaction) {
        return withMessageShape(interaction.original.copy().put("id", interaction.payload.getString("id")), interaction);
    }

    private JsonObject withMessageShape(JsonObject message, Sent interaction) {
        String at = DiscordJson.timestamp(Instant.now());
        return message.put("type", 20).put("channel_id", interaction.payload.getString("channel_id"))
                .put("author", DiscordJson.botUser()).put("attachments", new JsonArray()).put("embeds", new JsonArray())
                .put("mentions", new JsonArray()).put("mention_roles", new JsonArray()).put("mention_everyone", false)
                .put("pinned", false).put("tts", false).put("timestamp", at).putNull("edited_timestamp")
                .put("components", new JsonArray()).put("webhook_id", DiscordJson.BOT_USER_ID)
                .put("application_id", DiscordJson.BOT_USER_ID);
    }

    void reset() {
        sent.clear();
    }

    private Sent byToken(String token) {
        return sent.values().stream().filter(s -> s.payload.getString("token").equals(token)).findFirst().orElse(null);
    }

    private String send(JsonObject payload) {
        sent.put(payload.getString("id"), new Sent(payload));
        dispatch.accept("INTERACTION_CREATE", payload);
        return payload.getString("id");
    }
}
