package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

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
    private static final Pattern COMMAND_NAME = Pattern.compile("^[-_\\p{Ll}\\p{N}]{1,32}$");
    private static final Set<Integer> OPTION_TYPES = Set.of(3, 4, 5, 6, 7, 8, 9, 10, 11);

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
        return send(interaction(MESSAGE_COMPONENT, channelId, userId, username, data).put("message", message));
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
        JsonObject payload = interaction(MODAL_SUBMIT, opener.payload.getString("channel_id"), user.getString("id"),
                user.getString("username"), data);
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
        return send(interaction(APPLICATION_COMMAND, channelId, userId, username, data));
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
            checkCommand(command);
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
            case 9 -> kind != MODAL_SUBMIT && checkModal(data);
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

    /** The fields every guild interaction carries (Discord's interaction object). */
    private JsonObject interaction(int type, String channelId, String userId, String username, JsonObject data) {
        String id = board.nextSnowflake();
        JsonObject member = board.memberOf(userId).put("user", DiscordJson.user(userId, username))
                .put("permissions", String.valueOf(DiscordJson.BRIDGE_PERMISSIONS));
        return new JsonObject()
                .put("id", id)
                .put("application_id", DiscordJson.BOT_USER_ID)
                .put("type", type)
                .put("data", data)
                .put("guild_id", DiscordJson.GUILD_ID)
                .put("guild", new JsonObject().put("id", DiscordJson.GUILD_ID).put("locale", "en-US")
                        .put("features", new JsonArray()))
                .put("channel_id", channelId)
                .put("channel", new JsonObject().put("id", channelId).put("type", 0).put("guild_id", DiscordJson.GUILD_ID)
                        .put("name", "channel-" + channelId).put("position", 0).putNull("parent_id").put("nsfw", false)
                        .put("permissions", String.valueOf(DiscordJson.BRIDGE_PERMISSIONS)))
                .put("member", member)
                .put("token", "itoken-" + id)
                .put("version", 1)
                .put("app_permissions", String.valueOf(DiscordJson.BRIDGE_PERMISSIONS))
                .put("locale", "en-US")
                .put("guild_locale", "en-US")
                .put("entitlements", new JsonArray())
                .put("authorizing_integration_owners", new JsonObject().put("0", DiscordJson.GUILD_ID))
                .put("context", 0)
                .put("attachment_size_limit", 10 * 1024 * 1024);
    }

    private static void checkCommand(JsonObject command) {
        String name = command.getString("name", "");
        if (!COMMAND_NAME.matcher(name).matches()) {
            throw DiscordError.invalidField("name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
        }
        int type = command.getInteger("type", 1);
        String description = command.getString("description", "");
        if (type == 1 && (description.isEmpty() || description.length() > 100)) {
            throw DiscordError.invalidField("description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        boolean optionalSeen = false;
        for (Object each : command.getJsonArray("options", new JsonArray())) {
            JsonObject option = (JsonObject) each;
            if (!OPTION_TYPES.contains(option.getInteger("type", 0))
                    || !COMMAND_NAME.matcher(option.getString("name", "")).matches()
                    || option.getString("description", "").isEmpty() || option.getString("description").length() > 100) {
                throw DiscordError.invalidField("options", "APPLICATION_COMMAND_OPTION_INVALID", "Invalid option");
            }
            boolean required = option.getBoolean("required", false);
            if (required && optionalSeen) {
                throw DiscordError.invalidField("options", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options");
            }
            optionalSeen |= !required;
        }
    }

    /** A modal (type 9): custom_id ≤ 100, title ≤ 45, 1–5 labels each holding a text input with a custom_id. */
    private static boolean checkModal(JsonObject data) {
        if (data == null || data.getString("custom_id", "").isEmpty() || data.getString("custom_id").length() > 100
                || data.getString("title", "").isEmpty() || data.getString("title").length() > 45) {
            return false;
        }
        JsonArray components = data.getJsonArray("components", new JsonArray());
        return !components.isEmpty() && components.size() <= 5 && components.stream().allMatch(top -> {
            JsonObject label = (JsonObject) top;
            JsonObject input = label.getJsonObject("component");
            return label.getInteger("type", 0) == 18 && !label.getString("label", "").isEmpty() && input != null
                    && input.getInteger("type", 0) == 4 && !input.getString("custom_id", "").isEmpty();
        });
    }
}
