package dev.workflowchat.bridge.fake;

import dev.workflowchat.infra.FreePort;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A Discord stand-in on a free local port, speaking REST API v10 and the JSON gateway, with test controls.
 *
 * <p>One guild ({@link #GUILD_ID}) with the given text channels and one bot ({@link #BOT_TOKEN}). All state
 * lives on one Vert.x event loop; the public methods hop onto it and wait, so tests call them from any thread
 * and dispatches leave in the order they happened.
 */
public final class FakeDiscord implements AutoCloseable {

    public static final String BOT_TOKEN = DiscordJson.BOT_TOKEN;
    public static final String BOT_USER_ID = DiscordJson.BOT_USER_ID;
    public static final String GUILD_ID = DiscordJson.GUILD_ID;

    private final Vertx vertx;
    private final Context loop;
    private final int port;
    private final List<String> textChannelIds;
    private final MessageBoard board;
    private final FakeInteractions interactions;
    private final FakeReactions reactions;
    private final FakeGateway gateway;
    private final FakeRestApi rest;
    private final FakeThreads threads;
    private final Set<String> withoutManageWebhooks = ConcurrentHashMap.newKeySet();
    private final Set<String> withoutCreateThreads = ConcurrentHashMap.newKeySet();
    private final Set<String> forums = new java.util.concurrent.CopyOnWriteArraySet<>();
    private final java.util.Map<String, String> roles = new java.util.concurrent.ConcurrentSkipListMap<>();

    private FakeDiscord(List<String> textChannelIds) {
        this.vertx = Vertx.vertx();
        this.loop = vertx.getOrCreateContext();
        this.port = FreePort.find();
        this.textChannelIds = List.copyOf(textChannelIds);
        String base = "http://127.0.0.1:" + port;
        this.gateway = new FakeGateway("ws://127.0.0.1:" + port + "/gateway/resume", this::guildCreate);
        this.board = new MessageBoard(this.textChannelIds, base + FakeRestApi.ATTACHMENTS_PREFIX, gateway::dispatch);
        this.interactions = new FakeInteractions(board, gateway::dispatch);
        this.reactions = new FakeReactions(board, gateway::dispatch);
        this.threads = new FakeThreads(board, gateway::dispatch, forums, withoutCreateThreads::contains);
        this.rest = new FakeRestApi(board, interactions, reactions, threads, gateway, gatewayUrl(), withoutManageWebhooks::contains);
    }

    /** Starts listening; the guild has exactly these text channels (Discord snowflakes, e.g. "1300000000000000001"). */
    public static FakeDiscord start(String... textChannelIds) {
        FakeDiscord discord = new FakeDiscord(List.of(textChannelIds));
        discord.onLoop(() -> discord.vertx
                .createHttpServer(new HttpServerOptions()
                        .setHost("127.0.0.1")
                        .setPort(discord.port)
                        // payload_json of a long message with embeds exceeds Vert.x's 8 KB default
                        .setMaxFormAttributeSize(1024 * 1024))
                .requestHandler(discord.rest::handle)
                .listen())
                .toCompletionStage().toCompletableFuture().join();
        return discord;
    }

    /** For {@code RestConfig#setBaseUrl}: {@code http://127.0.0.1:PORT/api/v10/}. */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + port + FakeRestApi.API_PREFIX;
    }

    /** For {@code SessionController#getGateway}: {@code ws://127.0.0.1:PORT/gateway}. */
    public String gatewayUrl() {
        return "ws://127.0.0.1:" + port + "/gateway";
    }

    public List<String> textChannelIds() {
        return textChannelIds;
    }

    // Someone in Discord

    /** A person types a message: stored, and MESSAGE_CREATE (with member) goes out. Returns Discord's message. */
    public JsonObject postAsUser(String channelId, String userId, String username, String content) {
        return postAsUser(channelId, userId, username, content, List.of());
    }

    public JsonObject postAsUser(
            String channelId, String userId, String username, String content, List<FakeFile> files) {
        return onLoop(() -> board.postAsUser(channelId, userId, username, content, files));
    }

    /** Someone of the guild with a server nickname (null for none): mentions of them resolve, their messages carry it. */
    public void addMember(String userId, String username, String nick) {
        run(() -> board.addMember(userId, username, nick));
    }

    /** A role of the guild (mentioned as {@code <@&id>}); part of GUILD_CREATE, so added before the bot connects. */
    public void addRole(String roleId, String name) {
        roles.put(roleId, name);
    }

    /** A person edits: MESSAGE_UPDATE with the full message and its new edited_timestamp. */
    public JsonObject editAsUser(String channelId, String messageId, String content) {
        return onLoop(() -> board.edit(channelId, messageId, new JsonObject().put("content", content), List.of()));
    }

    /** A person (or a moderator) deletes: MESSAGE_DELETE {id, channel_id, guild_id}. */
    public void deleteAsUser(String channelId, String messageId) {
        onLoop(() -> {
            board.delete(channelId, messageId);
            return null;
        });
    }

    /** A person reacts with a standard emoji: MESSAGE_REACTION_ADD {user_id, channel_id, message_id, guild_id, member, emoji, …}. */
    public void reactAsUser(String channelId, String messageId, String userId, String username, String emoji) {
        onLoop(() -> {
            reactions.react(channelId, messageId, userId, username, emoji, true);
            return null;
        });
    }

    /** A person takes their reaction back: MESSAGE_REACTION_REMOVE (no member). */
    public void unreactAsUser(String channelId, String messageId, String userId, String emoji) {
        onLoop(() -> {
            reactions.react(channelId, messageId, userId, null, emoji, false);
            return null;
        });
    }

    /** Who reacted with what on a message (emoji → user ids, the bot's id for its own). */
    public java.util.Map<String, List<String>> reactions(String messageId) {
        return onLoop(() -> reactions.on(messageId));
    }

    /** A moderator deletes several at once: one MESSAGE_DELETE_BULK {ids, channel_id, guild_id}. */
    public void bulkDeleteAsModerator(String channelId, List<String> messageIds) {
        onLoop(() -> {
            board.deleteBulk(channelId, messageIds);
            return null;
        });
    }

    /** A forum channel of the guild (type 15); part of GUILD_CREATE, so added before the bot connects. */
    public void addForum(String forumId) {
        run(() -> {
            forums.add(forumId);
            board.addGuildChannel(forumId);
        });
    }

    /**
     * A person starts a public thread from a message (THREAD_CREATE; the thread has the message's id and the message
     * a {@code thread} field). Returns the thread channel.
     */
    public JsonObject startThreadAsUser(String channelId, String messageId, String userId, String name) {
        return onLoop(() -> threads.fromMessage(channelId, messageId, name, userId));
    }

    /** A person opens a forum post: THREAD_CREATE, then the starter message (the post's id) as MESSAGE_CREATE. */
    public JsonObject postInForumAsUser(String forumId, String userId, String username, String title, String content) {
        return onLoop(() -> threads.forumPost(forumId, DiscordJson.user(userId, username), title,
                new JsonObject().put("content", content)));
    }

    /** The ids of every thread and forum post, oldest first. */
    public List<String> threadIds() {
        return onLoop(threads::ids);
    }

    /** A thread channel as Discord describes it (type 11, parent_id, thread_metadata), or null. */
    public JsonObject thread(String threadId) {
        return onLoop(() -> threads.thread(threadId));
    }

    // Trouble

    /** The bot may not create public threads (nor post in a forum) here: 403 Missing Permissions. Set before it connects. */
    public void denyCreateThreads(String channelId) {
        withoutCreateThreads.add(channelId);
    }

    /**
     * The bot may not manage webhooks in this channel (a channel overwrite on its role): Discord answers 403
     * Missing Permissions, and a client that read the guild knows before asking. Set before the bot connects.
     */
    public void denyManageWebhooks(String channelId) {
        withoutManageWebhooks.add(channelId);
    }

    /**
     * Whether the bot may ask for the Message Content intent, as the switch under Privileged Gateway Intents in
     * Discord's portal: off, an IDENTIFY asking for it is closed with 4014 "Disallowed intent(s)".
     */
    public void allowMessageContent(boolean allowed) {
        run(() -> gateway.allowMessageContent(allowed));
    }

    /** Cuts every gateway socket without a close frame; JDA reconnects at once and RESUMEs. */
    public void dropGateway() {
        run(gateway::drop);
    }

    /** Leaves IDENTIFY and RESUME unanswered until {@link #releaseGateway()}; heartbeats are still acknowledged. */
    public void holdGateway() {
        run(gateway::hold);
    }

    public void releaseGateway() {
        run(gateway::release);
    }

    /** Op 7: the client should close and RESUME. */
    public void sendReconnect() {
        run(gateway::sendReconnect);
    }

    /** Op 9: resumable keeps the session for a RESUME; otherwise it is gone and the client must IDENTIFY anew. */
    public void sendInvalidSession(boolean resumable) {
        run(() -> gateway.sendInvalidSession(resumable));
    }

    /** The next REST call whose route (e.g. {@code "webhooks/123"}, no leading slash) starts with the prefix gets a 429. */
    public void rateLimitNext(String routePrefix, double retryAfterSeconds) {
        run(() -> rest.rateLimitNext(routePrefix, retryAfterSeconds));
    }

    /** Discord fails (e.g. 503) the next {@code times} requests whose JSON body holds the marker, as an outage would. */
    public void failWhenBodyContains(String marker, int status, int times) {
        run(() -> rest.failWhenBodyContains(marker, status, times));
    }

    /** Files over this many bytes are refused with 413 Request entity too large (Discord's is 10 MiB unboosted). */
    public void limitUploadsTo(long bytes) {
        run(() -> rest.limitUploadsTo(bytes));
    }

    /** As if someone removed the webhook in Discord's settings: its next use answers 404 Unknown Webhook. */
    public void deleteWebhook(String webhookId) {
        run(() -> board.deleteWebhook(webhookId));
    }

    // What happened

    /** Every REST call answered, in order, 429s included. */
    /** A person clicks an enabled button of a message; returns the interaction's id. */
    public String clickButton(String channelId, String messageId, String userId, String username, String customId) {
        return onLoop(() -> interactions.clickButton(channelId, messageId, userId, username, customId));
    }

    /** The person submits the modal the application opened in answer to {@code openedBy}. */
    public String submitModal(String openedBy, Map<String, String> values) {
        return onLoop(() -> interactions.submitModal(openedBy, values));
    }

    /** A person runs one of the guild's registered commands. */
    public String runCommand(String channelId, String userId, String username, String name, Map<String, String> options) {
        return onLoop(() -> interactions.runCommand(channelId, userId, username, name, options));
    }

    /** The guild's application commands, as the last bulk overwrite left them. */
    public JsonArray guildCommands() {
        return onLoop(interactions::commands);
    }

    /** The callbacks the application sent for an interaction (the first is its answer; more were refused). */
    public List<JsonObject> interactionCallbacks(String interactionId) {
        return onLoop(() -> {
            FakeInteractions.Sent sent = interactions.sent(interactionId);
            return sent == null ? List.<JsonObject>of() : sent.callbacks.stream().map(JsonObject::copy).toList();
        });
    }

    /** The interaction's response message (after a type 4 or 5 callback and its edits), or null. */
    public JsonObject interactionResponse(String interactionId) {
        return onLoop(() -> {
            FakeInteractions.Sent sent = interactions.sent(interactionId);
            return sent == null || sent.original == null ? null : interactions.original(sent);
        });
    }

    public List<RecordedRequest> requests() {
        return onLoop(rest::requests);
    }

    /** The channel's messages as Discord stores them, oldest first. */
    public List<JsonObject> messages(String channelId) {
        return onLoop(() -> board.messages(channelId));
    }

    public List<JsonObject> webhooks(String channelId) {
        return onLoop(() -> board.webhooks(channelId));
    }

    /** What happened on the gateway: CONNECT uri, IDENTIFY, RESUME seq=… replayed=…, HELD, DROP, CLOSED code … */
    public List<String> gatewayLog() {
        return onLoop(gateway::log);
    }

    /** Forgets messages, webhooks, files, recorded calls, pending 429s and the gateway log; sessions stay connected. */
    public void reset() {
        run(() -> {
            board.reset();
            threads.reset();
            rest.reset();
            interactions.reset();
            reactions.reset();
            gateway.resetLog();
        });
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private JsonObject guildCreate() {
        Map<String, Long> denied = new java.util.HashMap<>();
        withoutManageWebhooks.forEach(id -> denied.merge(id, DiscordJson.MANAGE_WEBHOOKS, (a, b) -> a | b));
        withoutCreateThreads.forEach(id -> denied.merge(id, DiscordJson.CREATE_PUBLIC_THREADS | (1L << 11), (a, b) -> a | b));
        JsonObject guild = DiscordJson.guildCreate(textChannelIds, List.copyOf(forums), board::lastMessageId, denied,
                Map.copyOf(roles));
        // the active threads, as Discord lists them at each login (the fake archives none)
        io.vertx.core.json.JsonArray active = new io.vertx.core.json.JsonArray();
        threads.ids().forEach(id -> {
            JsonObject thread = threads.thread(id);
            thread.remove("newly_created");
            active.add(thread);
        });
        return guild.put("threads", active);
    }

    private void run(Runnable action) {
        onLoop(() -> {
            action.run();
            return null;
        });
    }

    private <T> T onLoop(Supplier<T> action) {
        if (Vertx.currentContext() == loop) {
            return action.get(); // already on the loop: waiting for it would wait forever
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(ignored -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The fake Discord's event loop did not answer", e);
        }
    }
}
