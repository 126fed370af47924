package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The guild's messages, webhooks and uploaded files; every change is announced on the gateway as Discord does. */
final class MessageBoard {

    static final int MAX_CONTENT_LENGTH = 2000;
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");

    private final String attachmentBaseUrl;
    private final BiConsumer<String, JsonObject> dispatcher;
    /** channel id → messages by id, oldest first (ids are snowflakes, so insertion order is id order) */
    private final Map<String, Map<String, JsonObject>> channels = new LinkedHashMap<>();
    private final Map<String, JsonObject> webhooks = new LinkedHashMap<>();
    private final Map<String, FakeFile> files = new HashMap<>();
    /** user id → guild member (with "user"), for the people a test introduced */
    private final Map<String, JsonObject> members = new HashMap<>();
    private long lastSnowflake;
    private final Set<String> initialChannels = new HashSet<>();

    MessageBoard(List<String> textChannelIds, String attachmentBaseUrl, BiConsumer<String, JsonObject> dispatcher) {
        this.attachmentBaseUrl = attachmentBaseUrl;
        this.dispatcher = dispatcher;
        textChannelIds.forEach(id -> channels.put(id, new LinkedHashMap<>()));
        initialChannels.addAll(textChannelIds);
    }

    /** Time-based like Discord's, and strictly increasing so {@code after}/{@code before} paging is exact. */
    String nextSnowflake() {
        long timeBased = (System.currentTimeMillis() - DiscordJson.DISCORD_EPOCH_MILLIS) << 22;
        lastSnowflake = Math.max(timeBased, lastSnowflake + 1);
        return Long.toUnsignedString(lastSnowflake);
    }

    // People and the bot

    JsonObject postAsUser(String channelId, String userId, String username, String content, List<FakeFile> uploads) {
        JsonObject payload = new JsonObject().put("content", content);
        return create(channelId, DiscordJson.user(userId, username), null, payload, uploads);
    }

    JsonObject postAsBot(String channelId, JsonObject payload, List<FakeFile> uploads) {
        return create(channelId, DiscordJson.botUser(), null, payload, uploads);
    }

    /** A forum post's starter message: Discord gives it the post's (the thread's) id. */
    JsonObject postStarter(String threadId, JsonObject author, JsonObject payload) {
        return create(threadId, author, null, payload, List.of(), threadId);
    }

    /** A forum post a webhook opened ({@code thread_name}): its starter is the webhook's message. */
    JsonObject postStarterByWebhook(String threadId, String webhookId, String token, JsonObject payload, List<FakeFile> uploads) {
        JsonObject webhook = webhook(webhookId, token);
        String username = payload.getString("username", webhook.getString("name"));
        checkName("username", username);
        String avatarUrl = payload.getString("avatar_url");
        JsonObject author = DiscordJson.webhookAuthor(webhookId, username, avatarUrl == null ? null : hash(avatarUrl));
        return create(threadId, author, webhookId, payload, uploads, threadId);
    }

    // Threads: a thread's messages live under the thread's id, as in Discord (a thread is a channel)

    void openChannel(String channelId) {
        channels.putIfAbsent(channelId, new LinkedHashMap<>());
    }

    /** A channel of the guild itself (a forum), kept by {@link #reset()} as the text channels are. */
    void addGuildChannel(String channelId) {
        openChannel(channelId);
        initialChannels.add(channelId);
    }

    boolean hasChannel(String channelId) {
        return channels.containsKey(channelId);
    }

    /** The message a thread was started from shows it in its {@code thread} field. */
    void markThread(String channelId, String messageId, JsonObject thread) {
        existing(channelId, messageId).put("thread", thread.copy());
    }

    JsonObject edit(String channelId, String messageId, JsonObject payload, List<FakeFile> uploads) {
        return update(existing(channelId, messageId), payload, uploads);
    }

    JsonObject editAsBot(String channelId, String messageId, JsonObject payload, List<FakeFile> uploads) {
        JsonObject message = existing(channelId, messageId);
        if (message.containsKey("webhook_id")
                || !DiscordJson.BOT_USER_ID.equals(message.getJsonObject("author").getString("id"))) {
            throw DiscordError.cannotEditOthersMessage();
        }
        return update(message, payload, uploads);
    }

    void delete(String channelId, String messageId) {
        existing(channelId, messageId);
        channel(channelId).remove(messageId);
        dispatcher.accept("MESSAGE_DELETE", new JsonObject()
                .put("id", messageId)
                .put("channel_id", channelId)
                .put("guild_id", DiscordJson.GUILD_ID));
    }

    /**
     * A moderator's bulk delete (POST /channels/{id}/messages/bulk-delete, 2 to 100 ids): one
     * MESSAGE_DELETE_BULK {ids, channel_id, guild_id} instead of a MESSAGE_DELETE each.
     */
    void deleteBulk(String channelId, List<String> messageIds) {
        if (messageIds.size() < 2 || messageIds.size() > 100) {
            throw new IllegalArgumentException("Discord deletes 2 to 100 messages in bulk, not " + messageIds.size());
        }
        messageIds.forEach(id -> existing(channelId, id));
        messageIds.forEach(channel(channelId)::remove);
        dispatcher.accept("MESSAGE_DELETE_BULK", new JsonObject()
                .put("ids", new io.vertx.core.json.JsonArray(List.copyOf(messageIds)))
                .put("channel_id", channelId)
                .put("guild_id", DiscordJson.GUILD_ID));
    }

    JsonObject message(String channelId, String messageId) {
        return existing(channelId, messageId).copy();
    }

    /**
     * Discord's paging, newest first: with {@code around}, {@code limit} messages centred on it (the message
     * itself included when it exists); with {@code before}, the newest {@code limit} older than it; with
     * {@code after}, the oldest {@code limit} newer than it. Discord honours one of them, in that order.
     */
    List<JsonObject> history(String channelId, String around, String after, String before, int limit) {
        List<JsonObject> all = new ArrayList<>(channel(channelId).values());
        List<JsonObject> page;
        if (around != null) {
            List<JsonObject> older = all.stream().filter(m -> compareIds(m.getString("id"), around) < 0).toList();
            List<JsonObject> rest = all.stream().filter(m -> compareIds(m.getString("id"), around) >= 0).toList();
            List<JsonObject> olderHalf = older.subList(Math.max(0, older.size() - limit / 2), older.size());
            page = new ArrayList<>(olderHalf);
            page.addAll(rest.subList(0, Math.min(rest.size(), limit - olderHalf.size())));
        } else if (before != null) {
            List<JsonObject> older = all.stream().filter(m -> compareIds(m.getString("id"), before) < 0).toList();
            page = older.subList(Math.max(0, older.size() - limit), older.size());
        } else if (after != null) {
            page = all.stream().filter(m -> compareIds(m.getString("id"), after) > 0).limit(limit).toList();
        } else {
            page = all.subList(Math.max(0, all.size() - limit), all.size());
        }
        List<JsonObject> newestFirst = new ArrayList<>();
        page.forEach(m -> newestFirst.add(m.copy()));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    List<JsonObject> messages(String channelId) {
        return channel(channelId).values().stream().map(JsonObject::copy).toList();
    }

    String lastMessageId(String channelId) {
        String last = null;
        for (String id : channel(channelId).keySet()) {
            last = id;
        }
        return last;
    }

    // Webhooks

    JsonObject createWebhook(String channelId, String name) {
        channel(channelId);
        checkName("name", name);
        String id = nextSnowflake();
        JsonObject webhook = new JsonObject()
                .put("type", 1)
                .put("id", id)
                .put("name", name)
                .putNull("avatar")
                .put("channel_id", channelId)
                .put("guild_id", DiscordJson.GUILD_ID)
                // made by the bot through its token: the bot's application owns it (and may send it buttons)
                .put("application_id", DiscordJson.BOT_USER_ID)
                .put("token", newWebhookToken())
                .put("user", DiscordJson.botUser());
        webhooks.put(id, webhook);
        announceWebhooksChanged(channelId);
        return webhook.copy();
    }

    List<JsonObject> webhooks(String channelId) {
        channel(channelId);
        return webhooks.values().stream()
                .filter(w -> w.getString("channel_id").equals(channelId))
                .map(JsonObject::copy)
                .toList();
    }

    JsonObject webhook(String webhookId) {
        JsonObject webhook = webhooks.get(webhookId);
        if (webhook == null) {
            throw DiscordError.unknownWebhook();
        }
        return webhook.copy();
    }

    JsonObject webhook(String webhookId, String token) {
        JsonObject webhook = webhook(webhookId);
        if (!webhook.getString("token").equals(token)) {
            throw DiscordError.invalidWebhookToken();
        }
        return webhook;
    }

    void deleteWebhook(String webhookId) {
        JsonObject webhook = webhook(webhookId);
        webhooks.remove(webhookId);
        announceWebhooksChanged(webhook.getString("channel_id"));
    }

    /**
     * Executes a webhook, into {@code threadId} when given (Discord's {@code ?thread_id=}: a thread of the webhook's
     * channel; 10003 Unknown Channel for any other). {@code threadOf} says a thread's parent, or null.
     */
    JsonObject executeWebhook(String webhookId, String token, JsonObject payload, List<FakeFile> uploads, String threadId,
                              java.util.function.UnaryOperator<String> parentOf) {
        JsonObject webhook = webhook(webhookId, token);
        String target = inThread(webhook, threadId, parentOf);
        String username = payload.getString("username", webhook.getString("name"));
        checkName("username", username);
        String avatarUrl = payload.getString("avatar_url");
        JsonObject author = DiscordJson.webhookAuthor(webhookId, username, avatarUrl == null ? null : hash(avatarUrl));
        return create(target, author, webhookId, payload, uploads);
    }

    private String inThread(JsonObject webhook, String threadId, java.util.function.UnaryOperator<String> parentOf) {
        String channelId = webhook.getString("channel_id");
        if (threadId == null) {
            return channelId;
        }
        if (!channelId.equals(parentOf.apply(threadId))) {
            throw DiscordError.unknownChannel();
        }
        return threadId;
    }

    JsonObject webhookMessage(String webhookId, String token, String messageId, String threadId,
                              java.util.function.UnaryOperator<String> parentOf) {
        JsonObject webhook = webhook(webhookId, token);
        return ownMessage(webhook, inThread(webhook, threadId, parentOf), messageId).copy();
    }

    JsonObject editWebhookMessage(String webhookId, String token, String messageId, JsonObject payload,
                                  List<FakeFile> uploads, String threadId, java.util.function.UnaryOperator<String> parentOf) {
        JsonObject webhook = webhook(webhookId, token);
        return update(ownMessage(webhook, inThread(webhook, threadId, parentOf), messageId), payload, uploads);
    }

    void deleteWebhookMessage(String webhookId, String token, String messageId, String threadId,
                              java.util.function.UnaryOperator<String> parentOf) {
        JsonObject webhook = webhook(webhookId, token);
        JsonObject message = ownMessage(webhook, inThread(webhook, threadId, parentOf), messageId);
        delete(message.getString("channel_id"), messageId);
    }

    FakeFile file(String attachmentId) {
        return files.get(attachmentId);
    }

    void reset() {
        channels.keySet().retainAll(initialChannels);
        channels.values().forEach(Map::clear);
        webhooks.clear();
        files.clear();
    }

    // The shared path of every message

    private JsonObject create(
            String channelId, JsonObject author, String webhookId, JsonObject payload, List<FakeFile> uploads) {
        return create(channelId, author, webhookId, payload, uploads, null);
    }

    private JsonObject create(String channelId, JsonObject author, String webhookId, JsonObject payload,
                              List<FakeFile> uploads, String givenId) {
        Map<String, JsonObject> messages = channel(channelId);
        String content = payload.getString("content", "");
        JsonArray embeds = payload.getJsonArray("embeds", new JsonArray());
        checkContent(content);
        JsonArray attachments = attachments(channelId, payload, uploads, new JsonArray());
        if (content.isBlank() && attachments.isEmpty() && embeds.isEmpty()) {
            throw DiscordError.emptyMessage();
        }
        String id = givenId != null ? givenId : nextSnowflake();
        JsonObject message = new JsonObject()
                .put("type", 0)
                .put("id", id)
                .put("channel_id", channelId)
                .put("author", author)
                .put("content", content)
                .put("attachments", attachments)
                .put("embeds", embeds)
                .put("pinned", false)
                .put("tts", false)
                .put("timestamp", DiscordJson.timestamp(DiscordJson.snowflakeTime(id)))
                .putNull("edited_timestamp")
                .put("flags", 0)
                .put("components", components(payload.getJsonArray("components", new JsonArray()), webhookId));
        if (webhookId != null) {
            message.put("webhook_id", webhookId);
        }
        resolveMentions(message, payload);
        messages.put(id, message);
        announce("MESSAGE_CREATE", message);
        return message.copy();
    }

    private JsonObject update(JsonObject message, JsonObject payload, List<FakeFile> uploads) {
        if (payload.containsKey("content")) {
            String content = payload.getString("content", "");
            checkContent(content);
            message.put("content", content);
        }
        if (payload.containsKey("embeds")) {
            message.put("embeds", payload.getJsonArray("embeds", new JsonArray()));
        }
        if (payload.containsKey("components")) {
            message.put("components", components(payload.getJsonArray("components", new JsonArray()),
                    message.getString("webhook_id")));
        }
        resolveMentions(message, payload);
        String channelId = message.getString("channel_id");
        message.put("attachments", attachments(channelId, payload, uploads, message.getJsonArray("attachments")));
        message.put("edited_timestamp", DiscordJson.timestamp(Instant.now()));
        announce("MESSAGE_UPDATE", message);
        return message.copy();
    }

    /**
     * Who the message pings, as Discord decides it: every mention in the text, unless the request's
     * {@code allowed_mentions} narrows it ({@code parse} of "users", "roles", "everyone", and lists of
     * {@code users} and {@code roles}). Sets {@code mentions}, {@code mention_roles} and {@code mention_everyone}.
     */
    private void resolveMentions(JsonObject message, JsonObject payload) {
        JsonObject allowed = payload.getJsonObject("allowed_mentions");
        JsonArray parse = allowed == null ? new JsonArray().add("users").add("roles").add("everyone")
                : allowed.getJsonArray("parse", new JsonArray());
        JsonArray allowedUsers = allowed == null ? new JsonArray() : allowed.getJsonArray("users", new JsonArray());
        JsonArray allowedRoles = allowed == null ? new JsonArray() : allowed.getJsonArray("roles", new JsonArray());
        String content = message.getString("content", "");
        JsonArray users = new JsonArray();
        Matcher userMention = USER_MENTION.matcher(content);
        while (userMention.find()) {
            String id = userMention.group(1);
            if ((parse.contains("users") || allowedUsers.contains(id)) && users.stream()
                    .noneMatch(u -> id.equals(((JsonObject) u).getString("id")))) {
                // Discord lists only users that exist; the fake knows those a test added (and the bot)
                JsonObject known = members.get(id);
                if (known != null) {
                    users.add(known.getJsonObject("user").copy().put("member", memberOf(known)));
                } else if (DiscordJson.BOT_USER_ID.equals(id)) {
                    users.add(DiscordJson.botUser().put("member", DiscordJson.botMember()));
                }
            }
        }
        JsonArray roles = new JsonArray();
        Matcher roleMention = ROLE_MENTION.matcher(content);
        while (roleMention.find()) {
            String id = roleMention.group(1);
            if ((parse.contains("roles") || allowedRoles.contains(id)) && !roles.contains(id)) {
                roles.add(id);
            }
        }
        message.put("mentions", users)
                .put("mention_roles", roles)
                .put("mention_everyone", parse.contains("everyone")
                        && (content.contains("@everyone") || content.contains("@here")));
    }

    /** The member with their user, as {@code GET /guilds/{guild}/members/{user}} answers; 10007 for nobody. */
    JsonObject member(String userId) {
        JsonObject known = members.get(userId);
        if (known == null) {
            throw DiscordError.unknownMember();
        }
        return known.copy();
    }

    /** A person of the guild, for mentions and the member object of their messages: user plus nick. */
    void addMember(String userId, String username, String nick) {
        JsonObject member = DiscordJson.member(new JsonArray()).put("nick", nick).put("user", DiscordJson.user(userId, username));
        members.put(userId, member);
    }

    JsonObject memberOf(String userId) {
        JsonObject known = members.get(userId);
        return known == null ? DiscordJson.member(new JsonArray()) : memberOf(known);
    }

    private static JsonObject memberOf(JsonObject known) {
        JsonObject member = known.copy();
        member.remove("user");
        return member;
    }

    /** Gateway copies carry guild_id, and member unless a webhook wrote them, as Discord's do. */
    private void announce(String type, JsonObject message) {
        JsonObject event = message.copy().put("guild_id", DiscordJson.GUILD_ID);
        if (!message.containsKey("webhook_id")) {
            boolean byBot = DiscordJson.BOT_USER_ID.equals(message.getJsonObject("author").getString("id"));
            event.put("member", byBot ? DiscordJson.botMember() : memberOf(message.getJsonObject("author").getString("id")));
        }
        dispatcher.accept(type, event);
    }

    private void announceWebhooksChanged(String channelId) {
        dispatcher.accept("WEBHOOKS_UPDATE",
                new JsonObject().put("guild_id", DiscordJson.GUILD_ID).put("channel_id", channelId));
    }

    /**
     * Discord's rules: {@code attachments} in the payload lists what the message keeps (existing ids) and
     * describes new uploads ({@code id} = the n of {@code files[n]}); without it, existing ones stay.
     */
    private JsonArray attachments(String channelId, JsonObject payload, List<FakeFile> uploads, JsonArray existing) {
        JsonArray result = new JsonArray();
        Set<Integer> described = new HashSet<>();
        JsonArray listed = payload.getJsonArray("attachments");
        if (listed == null) {
            result.addAll(existing);
        } else {
            for (Object item : listed) {
                JsonObject entry = (JsonObject) item;
                String id = String.valueOf(entry.getValue("id"));
                JsonObject kept = findById(existing, id);
                Integer index = kept == null ? uploadIndex(id, uploads.size()) : null;
                if (kept != null) {
                    result.add(kept);
                } else if (index != null) {
                    described.add(index);
                    result.add(store(channelId, uploads.get(index), entry));
                }
            }
        }
        for (int i = 0; i < uploads.size(); i++) {
            if (!described.contains(i)) {
                result.add(store(channelId, uploads.get(i), new JsonObject()));
            }
        }
        return result;
    }

    private JsonObject store(String channelId, FakeFile upload, JsonObject description) {
        String id = nextSnowflake();
        String filename = description.getString("filename", upload.name()).replace(' ', '_');
        files.put(id, upload);
        // Discord's CDN links are signed and expire, hence the query; the fake ignores it when serving
        String url = attachmentBaseUrl + channelId + "/" + id + "/"
                + URLEncoder.encode(filename, StandardCharsets.UTF_8)
                + "?ex=" + Long.toHexString(Instant.now().plusSeconds(86_400).getEpochSecond())
                + "&is=" + Long.toHexString(Instant.now().getEpochSecond())
                + "&hm=" + hash(id);
        JsonObject attachment = new JsonObject()
                .put("id", id)
                .put("filename", filename)
                .put("size", upload.bytes().length)
                .put("url", url)
                .put("proxy_url", url)
                .put("content_type", upload.contentType());
        if (description.containsKey("description")) {
            attachment.put("description", description.getString("description"));
        }
        return attachment;
    }

    private Map<String, JsonObject> channel(String channelId) {
        Map<String, JsonObject> messages = channels.get(channelId);
        if (messages == null) {
            throw DiscordError.unknownChannel();
        }
        return messages;
    }

    private JsonObject existing(String channelId, String messageId) {
        JsonObject message = channel(channelId).get(messageId);
        if (message == null) {
            throw DiscordError.unknownMessage();
        }
        return message;
    }

    private JsonObject ownMessage(JsonObject webhook, String channelId, String messageId) {
        JsonObject message = channel(channelId).get(messageId);
        if (message == null || !webhook.getString("id").equals(message.getString("webhook_id"))) {
            throw DiscordError.unknownMessage();
        }
        return message;
    }

    /**
     * Message components as Discord takes them: up to 5 action rows (type 1) of up to 5 buttons (type 2); a
     * button has a style 1–5, a label of at most 80 characters, a custom_id (1–100) unless it is a link
     * (style 5, a url and no custom_id). A webhook may send interactive ones only if an application owns it.
     */
    private JsonArray components(JsonArray rows, String webhookId) {
        if (rows.size() > 5) {
            throw DiscordError.invalidField("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
        }
        for (Object each : rows) {
            JsonObject row = (JsonObject) each;
            JsonArray buttons = row.getJsonArray("components", new JsonArray());
            if (row.getInteger("type", 0) != 1 || buttons.isEmpty() || buttons.size() > 5) {
                throw DiscordError.invalidField("components", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Invalid action row");
            }
            for (Object b : buttons) {
                JsonObject button = (JsonObject) b;
                int style = button.getInteger("style", 0);
                boolean link = style == 5;
                String customId = button.getString("custom_id");
                boolean ok = button.getInteger("type", 0) == 2 && style >= 1 && style <= 5
                        && button.getString("label", "").length() <= 80
                        && (link ? button.getString("url") != null && customId == null
                                : customId != null && !customId.isEmpty() && customId.length() <= 100);
                if (!ok) {
                    throw DiscordError.invalidField("components", "BUTTON_COMPONENT_INVALID", "Invalid button");
                }
                if (!link && webhookId != null && webhooks.get(webhookId) != null
                        && webhooks.get(webhookId).getValue("application_id") == null) {
                    throw DiscordError.invalidField("components", "INTERACTION_WEBHOOK_NOT_OWNED",
                            "Interactive components need a webhook an application owns");
                }
            }
        }
        return rows.copy();
    }

    private static void checkContent(String content) {
        if (content.codePointCount(0, content.length()) > MAX_CONTENT_LENGTH) {
            throw DiscordError.invalidField("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
        }
    }

    /** Discord refuses webhook names outside 1–80 characters or containing "discord" or "clyde". */
    private static void checkName(String field, String name) {
        if (name == null || name.isEmpty() || name.length() > 80) {
            throw DiscordError.invalidField(field, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 80 in length.");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String forbidden : List.of("discord", "clyde")) {
            if (lower.contains(forbidden)) {
                throw DiscordError.invalidField(
                        field, "USERNAME_INVALID_CONTAINS", "Username cannot contain \"" + forbidden + "\"");
            }
        }
    }

    private static JsonObject findById(JsonArray attachments, String id) {
        for (Object item : attachments) {
            if (id.equals(((JsonObject) item).getString("id"))) {
                return (JsonObject) item;
            }
        }
        return null;
    }

    private static Integer uploadIndex(String id, int uploads) {
        try {
            int index = Integer.parseInt(id);
            return index >= 0 && index < uploads ? index : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int compareIds(String a, String b) {
        return Long.compareUnsigned(Long.parseUnsignedLong(a), Long.parseUnsignedLong(b));
    }

    private static String newWebhookToken() {
        return (UUID.randomUUID() + "" + UUID.randomUUID()).replace("-", "_");
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
