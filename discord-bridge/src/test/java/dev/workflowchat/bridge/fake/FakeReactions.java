package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reactions as Discord keeps and announces them: per message, per emoji, who reacted. The bot reacts through
 * {@code PUT}/{@code DELETE /channels/{c}/messages/{m}/reactions/{emoji}/@me} (the emoji URL-encoded; 204, and
 * idempotent); people through the test. Each real change is a MESSAGE_REACTION_ADD (with the member, in a guild)
 * or MESSAGE_REACTION_REMOVE on the gateway, the bot's own included, as Discord does.
 */
final class FakeReactions {

    private final MessageBoard board;
    private final BiConsumer<String, JsonObject> dispatcher;
    /** message id → emoji → user ids, in the order they reacted */
    private final Map<String, Map<String, Set<String>>> reactions = new LinkedHashMap<>();

    FakeReactions(MessageBoard board, BiConsumer<String, JsonObject> dispatcher) {
        this.board = board;
        this.dispatcher = dispatcher;
    }

    /** The REST routes under a message: {@code reactions/{emoji}/@me}; anything else under it is not ours. */
    boolean handles(String[] p) {
        return p.length == 7 && p[2].equals("messages") && p[4].equals("reactions") && p[6].equals("@me");
    }

    /** The bot's own reaction; {@code encodedEmoji} as in the path. */
    void bot(String method, String channelId, String messageId, String encodedEmoji) {
        String emoji = URLDecoder.decode(encodedEmoji, StandardCharsets.UTF_8);
        if (emoji.isBlank() || emoji.codePoints().allMatch(c -> c < 0x80)) {
            // a custom emoji would be name:id; anything else Discord does not know
            throw DiscordError.unknownEmoji();
        }
        switch (method) {
            case "PUT" -> react(channelId, messageId, DiscordJson.BOT_USER_ID, DiscordJson.botUser().getString("username"), emoji, true);
            case "DELETE" -> react(channelId, messageId, DiscordJson.BOT_USER_ID, null, emoji, false);
            default -> throw DiscordError.methodNotAllowed();
        }
    }

    /** A person (or the bot) adds or removes a reaction; nothing is announced when nothing changed. */
    void react(String channelId, String messageId, String userId, String username, String emoji, boolean add) {
        JsonObject message = board.message(channelId, messageId);
        Set<String> users = reactions.computeIfAbsent(messageId, id -> new LinkedHashMap<>())
                .computeIfAbsent(emoji, e -> new LinkedHashSet<>());
        boolean changed = add ? users.add(userId) : users.remove(userId);
        if (!changed) {
            return;
        }
        JsonObject event = new JsonObject()
                .put("user_id", userId)
                .put("channel_id", channelId)
                .put("message_id", messageId)
                .put("guild_id", DiscordJson.GUILD_ID)
                .put("emoji", new JsonObject().putNull("id").put("name", emoji))
                .put("burst", false)
                .put("type", 0);
        if (add) {
            // the member as the guild has them, roles included: a client updates its cache from it (an empty role
            // list for the bot would take its role, and every permission, away until the next GUILD_CREATE)
            boolean bot = DiscordJson.BOT_USER_ID.equals(userId);
            event.put("member", (bot ? DiscordJson.botMember() : board.memberOf(userId))
                    .put("user", bot ? DiscordJson.botUser() : DiscordJson.user(userId, username)));
            event.put("message_author_id", message.getJsonObject("author").getString("id"));
        }
        dispatcher.accept(add ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", event);
    }

    /** Who reacted with what on a message (emoji → user ids). */
    Map<String, List<String>> on(String messageId) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        reactions.getOrDefault(messageId, Map.of()).forEach((emoji, users) -> {
            if (!users.isEmpty()) {
                copy.put(emoji, List.copyOf(users));
            }
        });
        return copy;
    }

    void reset() {
        reactions.clear();
    }
}
