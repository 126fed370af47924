package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/** Discord's interaction shapes for {@link FakeInteractions}: the interaction object it sends, and checks of what apps send. */
final class InteractionShapes {

    private static final Pattern COMMAND_NAME = Pattern.compile("^[-_\\p{Ll}\\p{N}]{1,32}$");
    private static final Set<Integer> OPTION_TYPES = Set.of(3, 4, 5, 6, 7, 8, 9, 10, 11);

    private InteractionShapes() {
    }

    /** The fields every guild interaction carries (Discord's interaction object). */
    static JsonObject interaction(MessageBoard board, int type, String channelId, String userId, String username,
                                  JsonObject data) {
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

    static void checkCommand(JsonObject command) {
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
    static boolean checkModal(JsonObject data) {
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
