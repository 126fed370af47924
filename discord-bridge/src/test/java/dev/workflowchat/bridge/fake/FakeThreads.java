package dev.workflowchat.bridge.fake;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Threads and forum posts as Discord keeps and announces them. A public thread is a channel of type 11 with a
 * {@code parent_id} and {@code thread_metadata}; started from a message it takes the message's id, and the message
 * shows it in its {@code thread} field (POST /channels/{c}/messages/{m}/threads; a second start answers 160004). A
 * forum channel (type 15) holds only posts: threads whose starter message has the thread's id (POST
 * /channels/{forum}/threads with a {@code message}). Each new thread is a THREAD_CREATE (with {@code newly_created})
 * on the gateway before its first MESSAGE_CREATE, whose {@code channel_id} is the thread's.
 */
final class FakeThreads {

    static final int PUBLIC_THREAD = 11;
    static final int FORUM = 15;
    /** Discord's limit for a channel's name, threads' included. */
    private static final int MAX_NAME = 100;

    private final MessageBoard board;
    private final BiConsumer<String, JsonObject> dispatcher;
    private final Set<String> forums;
    private final Predicate<String> withoutCreateThreads;
    /** thread id → the thread channel object */
    private final Map<String, JsonObject> threads = new LinkedHashMap<>();

    FakeThreads(MessageBoard board, BiConsumer<String, JsonObject> dispatcher, Set<String> forums,
                Predicate<String> withoutCreateThreads) {
        this.board = board;
        this.dispatcher = dispatcher;
        this.forums = forums;
        this.withoutCreateThreads = withoutCreateThreads;
    }

    /** The REST routes of threads: {@code channels/{c}/messages/{m}/threads} and {@code channels/{forum}/threads}. */
    boolean handles(String[] p) {
        return p.length == 5 && p[0].equals("channels") && p[2].equals("messages") && p[4].equals("threads")
                || p.length == 3 && p[0].equals("channels") && p[2].equals("threads");
    }

    /** Someone (the bot, through REST) starts a thread: from a message, or a forum post with its starter message. */
    JsonObject start(String method, String[] p, JsonObject body, JsonObject author) {
        if (!method.equals("POST")) {
            throw DiscordError.methodNotAllowed();
        }
        String channelId = p[1];
        if (withoutCreateThreads.test(channelId)) {
            // the bot's role is denied Create Public Threads (and, in a forum, Send Messages, which posting needs)
            throw DiscordError.missingPermissions();
        }
        if (p.length == 5) {
            return fromMessage(channelId, p[3], body.getString("name"), author.getString("id"));
        }
        if (!forums.contains(channelId)) {
            // a thread without a starter in a text channel: not something the bridge does
            throw DiscordError.invalidField("type", "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.");
        }
        JsonObject message = body.getJsonObject("message");
        if (message == null) {
            throw DiscordError.invalidField("message", "BASE_TYPE_REQUIRED", "This field is required");
        }
        return forumPost(channelId, author, body.getString("name"), message);
    }

    /** POST /channels/{c}/messages/{m}/threads: the thread takes the message's id. */
    JsonObject fromMessage(String channelId, String messageId, String name, String ownerId) {
        if (forums.contains(channelId) || threads.containsKey(channelId)) {
            throw DiscordError.invalidField("channel_id", "CHANNEL_TYPE_INVALID", "Not a text channel");
        }
        JsonObject starter = board.message(channelId, messageId);
        if (starter.containsKey("thread") || threads.containsKey(messageId)) {
            throw DiscordError.threadAlreadyCreated();
        }
        JsonObject thread = open(messageId, channelId, name, ownerId);
        board.markThread(channelId, messageId, thread);
        return thread.copy();
    }

    /** A forum post: the thread, then its starter message (with the thread's id) in it. */
    JsonObject forumPost(String forumId, JsonObject author, String name, JsonObject message) {
        String id = board.nextSnowflake();
        JsonObject thread = open(id, forumId, name, author.getString("id"));
        JsonObject starter = board.postStarter(id, author, message);
        // Discord answers a forum post with the thread channel and, nested, its starter message
        return thread.put("message_count", 1).put("total_message_sent", 1).copy().put("message", starter);
    }

    /**
     * A webhook of a forum opens a post ({@code thread_name} in its payload, 1–100 characters): THREAD_CREATE, then
     * the starter message with the post's id, which is the answer.
     */
    JsonObject forumPostByWebhook(JsonObject webhook, String token, JsonObject payload, java.util.List<FakeFile> uploads) {
        String id = board.nextSnowflake();
        open(id, webhook.getString("channel_id"), payload.getString("thread_name"), webhook.getString("id"));
        return board.postStarterByWebhook(id, webhook.getString("id"), token, payload, uploads);
    }

    /** The thread's parent channel, or null for anything that is not a thread. */
    String parentOf(String threadId) {
        JsonObject thread = threads.get(threadId);
        return thread == null ? null : thread.getString("parent_id");
    }

    boolean isForum(String channelId) {
        return forums.contains(channelId);
    }

    JsonObject thread(String threadId) {
        JsonObject thread = threads.get(threadId);
        return thread == null ? null : thread.copy();
    }

    java.util.List<String> ids() {
        return java.util.List.copyOf(threads.keySet());
    }

    void reset() {
        threads.clear();
    }

    private JsonObject open(String id, String parentId, String name, String ownerId) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw DiscordError.invalidField("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        JsonObject thread = DiscordJson.threadChannel(id, parentId, name, ownerId, Instant.now());
        threads.put(id, thread);
        board.openChannel(id);
        dispatcher.accept("THREAD_CREATE", thread.copy().put("newly_created", true));
        return thread;
    }
}
