package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Discord's payload shapes (API v10) for the one guild and the one bot the fake knows. */
final class DiscordJson {

    static final String BOT_TOKEN = "fake-bot-token";
    static final String BOT_USER_ID = "1100000000000000001";
    static final String BOT_USERNAME = "Workflow Chat Bridge";
    static final String GUILD_ID = "1200000000000000001";
    static final String GUILD_NAME = "Fake Guild";
    /** The managed role Discord gives a bot on joining; ADMINISTRATOR so JDA's own permission checks pass. */
    static final String BOT_ROLE_ID = "1200000000000000002";
    static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;
    static final long MANAGE_WEBHOOKS = 1L << 29;
    static final long CREATE_PUBLIC_THREADS = 1L << 35;
    /**
     * Add Reactions, View Channel, Send Messages, Manage Messages, Embed Links, Attach Files, Read Message History,
     * Mention Everyone, Manage Webhooks, Create Public Threads, Send Messages in Threads.
     */
    static final long BRIDGE_PERMISSIONS = (1L << 6) | (1L << 10) | (1L << 11) | (1L << 13) | (1L << 14) | (1L << 15) | (1L << 16)
            | (1L << 17) | MANAGE_WEBHOOKS | CREATE_PUBLIC_THREADS | (1L << 38);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
    private static final String JOINED_AT = "2025-01-01T00:00:00.000000+00:00";

    private DiscordJson() {
    }

    static String timestamp(Instant at) {
        return TIMESTAMP.format(at);
    }

    static Instant snowflakeTime(String id) {
        return Instant.ofEpochMilli((Long.parseUnsignedLong(id) >>> 22) + DISCORD_EPOCH_MILLIS);
    }

    static JsonObject botUser() {
        return new JsonObject()
                .put("id", BOT_USER_ID)
                .put("username", BOT_USERNAME)
                .put("discriminator", "0")
                .putNull("global_name")
                .putNull("avatar")
                .put("bot", true)
                .put("verified", true)
                .put("mfa_enabled", false)
                .put("flags", 0)
                .put("public_flags", 0);
    }

    static JsonObject user(String id, String username) {
        return new JsonObject()
                .put("id", id)
                .put("username", username)
                .put("global_name", username)
                .put("discriminator", "0")
                .putNull("avatar")
                .put("public_flags", 0);
    }

    /** The author Discord shows for a webhook message: the webhook's id under the name the caller chose. */
    static JsonObject webhookAuthor(String webhookId, String username, String avatarHash) {
        return new JsonObject()
                .put("id", webhookId)
                .put("username", username)
                .put("discriminator", "0000")
                .put("avatar", avatarHash)
                .put("bot", true);
    }

    /** A guild member as messages carry it (without "user"); GUILD_CREATE adds the user. */
    static JsonObject member(JsonArray roles) {
        return new JsonObject()
                .put("roles", roles)
                .put("joined_at", JOINED_AT)
                .putNull("nick")
                .putNull("avatar")
                .putNull("premium_since")
                .putNull("communication_disabled_until")
                .put("deaf", false)
                .put("mute", false)
                .put("pending", false)
                .put("flags", 0);
    }

    static JsonObject botMember() {
        return member(new JsonArray().add(BOT_ROLE_ID));
    }

    static JsonObject ready(String sessionId, String resumeGatewayUrl) {
        return new JsonObject()
                .put("v", 10)
                .put("user", botUser())
                .put("session_id", sessionId)
                .put("session_type", "normal")
                .put("resume_gateway_url", resumeGatewayUrl)
                .put("guilds", new JsonArray().add(new JsonObject().put("id", GUILD_ID).put("unavailable", true)))
                // JDA reads private_channels unconditionally; without it READY fails to parse
                .put("private_channels", new JsonArray())
                .put("relationships", new JsonArray())
                .put("presences", new JsonArray())
                .put("guild_join_requests", new JsonArray())
                .put("geo_ordered_rtc_regions", new JsonArray())
                .put("user_settings", new JsonObject())
                .put("auth", new JsonObject())
                .put("application", new JsonObject().put("id", BOT_USER_ID).put("flags", 1 << 19))
                .put("_trace", new JsonArray().add("[\"fake-discord\",{}]"));
    }

    /**
     * The full guild as the gateway streams it after READY. JDA reads roles (with "colors"), channels,
     * threads, guild_scheduled_events, emojis and voice_states without defaults, and waits 75 s for
     * chunking unless member_count equals the members sent.
     */
    static JsonObject guildCreate(List<String> textChannelIds, UnaryOperator<String> lastMessageId) {
        return guildCreate(textChannelIds, lastMessageId, Set.of(), java.util.Map.of());
    }

    /**
     * As above; in {@code withoutManageWebhooks} the bot's role is denied Manage Webhooks by a channel overwrite
     * (the role then holds the permissions a bridge needs instead of Administrator, which no overwrite limits).
     */
    static JsonObject guildCreate(List<String> textChannelIds, UnaryOperator<String> lastMessageId,
                                  Set<String> withoutManageWebhooks, java.util.Map<String, String> extraRoles) {
        java.util.Map<String, Long> denied = new java.util.HashMap<>();
        withoutManageWebhooks.forEach(id -> denied.put(id, MANAGE_WEBHOOKS));
        return guildCreate(textChannelIds, List.of(), lastMessageId, denied, extraRoles);
    }

    /**
     * As above, with forum channels after the text channels; {@code denied} holds, per channel, the permission bits
     * a channel overwrite denies the bot's role there.
     */
    static JsonObject guildCreate(List<String> textChannelIds, List<String> forumIds, UnaryOperator<String> lastMessageId,
                                  java.util.Map<String, Long> denied, java.util.Map<String, String> extraRoles) {
        JsonArray channels = new JsonArray();
        for (int i = 0; i < textChannelIds.size() + forumIds.size(); i++) {
            boolean forum = i >= textChannelIds.size();
            String id = forum ? forumIds.get(i - textChannelIds.size()) : textChannelIds.get(i);
            JsonObject channel = forum ? forumChannel(id, "forum-" + (i + 1), i)
                    : textChannel(id, "channel-" + (i + 1), i, lastMessageId.apply(id));
            if (denied.containsKey(id)) {
                channel.put("permission_overwrites", new JsonArray().add(new JsonObject()
                        .put("id", BOT_ROLE_ID).put("type", 0).put("allow", "0").put("deny", Long.toString(denied.get(id)))));
            }
            channels.add(channel);
        }
        String botPermissions = denied.isEmpty() ? "8" : Long.toString(BRIDGE_PERMISSIONS);
        JsonArray members = new JsonArray().add(botMember().put("user", botUser()));
        JsonArray roles = new JsonArray()
                .add(role(GUILD_ID, "@everyone", 0, "1071698660929", false))
                .add(role(BOT_ROLE_ID, BOT_USERNAME, 1, botPermissions, true)
                        .put("tags", new JsonObject().put("bot_id", BOT_USER_ID)));
        extraRoles.forEach((id, name) -> roles.add(role(id, name, roles.size(), "0", false)));
        return new JsonObject()
                .put("id", GUILD_ID)
                .put("name", GUILD_NAME)
                .putNull("icon")
                .putNull("splash")
                .putNull("banner")
                .putNull("description")
                .putNull("vanity_url_code")
                .put("owner_id", "1100000000000000099")
                .put("unavailable", false)
                .put("large", false)
                .put("lazy", true)
                .put("joined_at", JOINED_AT)
                .put("member_count", members.size())
                .put("members", members)
                .put("roles", roles)
                .put("channels", channels)
                .put("threads", new JsonArray())
                .put("guild_scheduled_events", new JsonArray())
                .put("emojis", new JsonArray())
                .put("stickers", new JsonArray())
                .put("soundboard_sounds", new JsonArray())
                .put("stage_instances", new JsonArray())
                .put("voice_states", new JsonArray())
                .put("presences", new JsonArray())
                .put("features", new JsonArray())
                .putNull("afk_channel_id")
                .put("afk_timeout", 300)
                .putNull("system_channel_id")
                .put("system_channel_flags", 0)
                .putNull("rules_channel_id")
                .putNull("public_updates_channel_id")
                .putNull("safety_alerts_channel_id")
                .put("premium_tier", 0)
                .put("premium_subscription_count", 0)
                .put("premium_progress_bar_enabled", false)
                .put("verification_level", 0)
                .put("default_message_notifications", 0)
                .put("explicit_content_filter", 0)
                .put("mfa_level", 0)
                .put("nsfw_level", 0)
                .put("nsfw", false)
                .put("preferred_locale", "en-US")
                .put("max_members", 500_000)
                .put("max_video_channel_users", 25)
                .putNull("application_id")
                .putNull("incidents_data");
    }

    static JsonObject textChannel(String id, String name, int position, String lastMessageId) {
        return new JsonObject()
                .put("id", id)
                .put("type", 0)
                .put("guild_id", GUILD_ID)
                .put("name", name)
                .put("position", position)
                .put("permission_overwrites", new JsonArray())
                .putNull("parent_id")
                .putNull("topic")
                .put("nsfw", false)
                .put("last_message_id", lastMessageId)
                .put("rate_limit_per_user", 0)
                .put("flags", 0);
    }

    /**
     * A public thread (type 11) as Discord sends it: its parent, owner, counts and {@code thread_metadata}; JDA reads
     * these without defaults.
     */
    static JsonObject threadChannel(String id, String parentId, String name, String ownerId, Instant createdAt) {
        return new JsonObject()
                .put("id", id)
                .put("type", 11)
                .put("guild_id", GUILD_ID)
                .put("parent_id", parentId)
                .put("owner_id", ownerId)
                .put("name", name)
                .putNull("last_message_id")
                .put("rate_limit_per_user", 0)
                .put("message_count", 0)
                .put("member_count", 1)
                .put("total_message_sent", 0)
                .put("flags", 0)
                .put("applied_tags", new JsonArray())
                .put("thread_metadata", new JsonObject()
                        .put("archived", false)
                        .put("auto_archive_duration", 1440)
                        .put("archive_timestamp", timestamp(createdAt))
                        .put("locked", false)
                        .put("invitable", true)
                        .put("create_timestamp", timestamp(createdAt)));
    }

    /** A forum channel (type 15): posts only, no tags, as a guild's channels list it. */
    static JsonObject forumChannel(String id, String name, int position) {
        return new JsonObject()
                .put("id", id)
                .put("type", 15)
                .put("guild_id", GUILD_ID)
                .put("name", name)
                .put("position", position)
                .put("permission_overwrites", new JsonArray())
                .putNull("parent_id")
                .putNull("topic")
                .put("nsfw", false)
                .putNull("last_message_id")
                .put("rate_limit_per_user", 0)
                .put("default_thread_rate_limit_per_user", 0)
                .put("default_auto_archive_duration", 1440)
                .put("available_tags", new JsonArray())
                .putNull("default_reaction_emoji")
                .putNull("default_sort_order")
                .put("default_forum_layout", 0)
                .put("flags", 0);
    }

    private static JsonObject role(String id, String name, int position, String permissions, boolean managed) {
        return new JsonObject()
                .put("id", id)
                .put("name", name)
                .put("color", 0)
                // JDA 6 reads "colors" (the gradient role colours), not the older "color"
                .put("colors", new JsonObject()
                        .put("primary_color", 0)
                        .putNull("secondary_color")
                        .putNull("tertiary_color"))
                .put("hoist", false)
                .putNull("icon")
                .putNull("unicode_emoji")
                .put("position", position)
                .put("permissions", permissions)
                .put("managed", managed)
                .put("mentionable", false)
                .put("flags", 0);
    }

    static JsonObject error(int code, String message) {
        return new JsonObject().put("message", message).put("code", code);
    }
}
