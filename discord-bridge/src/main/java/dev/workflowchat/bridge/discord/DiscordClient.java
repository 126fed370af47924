package dev.workflowchat.bridge.discord;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Everything the bridge does with Discord, and nothing of how. {@link JdaDiscordClient} is the one
 * implementation; the boundary keeps JDA's types and threads out of the relay logic.
 */
public interface DiscordClient {

    /** Discord gives at most this many messages per history request. */
    int MAX_PAGE = 100;

    void connect(DiscordListener listener);

    boolean connected();

    /*
     * A channel id below may name a thread (or forum post) of a channel the bridge can see: messages then go
     * through the parent channel's webhook into that thread.
     */

    /** Posts through the channel's webhook; completes with the new message's id. */
    CompletionStage<String> post(String channelId, OutgoingMessage message);

    /** Rewrites a message the channel's webhook posted; {@code mentions} as for a post. */
    CompletionStage<Void> edit(String channelId, String messageId, String content, Mentions mentions);

    CompletionStage<Void> delete(String channelId, String messageId);

    /** The bot's own reaction on a message: added (PUT …/reactions/{emoji}/@me) or removed (DELETE); idempotent. */
    CompletionStage<Void> react(String channelId, String messageId, String emoji, boolean add);

    /** An approval was decided: its message's buttons give way to one disabled button saying how. */
    CompletionStage<Void> showDecision(String channelId, String messageId, String decision);

    /**
     * The chat-service's answer to an application command someone ran in the last 15 minutes, shown to them in
     * the command's own (ephemeral) reply; false when no such command waits (a typed one, an older one).
     */
    boolean answerCommand(String interactionId, String content);

    /** The bot answers in a channel under its own name (e.g. where to run a command). */
    CompletionStage<Void> reply(String channelId, String replyToId, String content);

    /**
     * One page of a channel's history, as Discord gives it: up to {@code limit} (at most 100) messages right
     * after {@code afterId}, oldest first. Callers page by asking again after the last one.
     */
    CompletionStage<List<DiscordMessage>> messagesAfter(String channelId, String afterId, int limit);

    /** The name the guild shows for a user (server nickname first), asked of Discord; empty for no member. */
    CompletionStage<Optional<String>> memberName(String userId);

    /** The thread (or forum post) with this id, if the client knows one; empty for a channel or anything else. */
    Optional<DiscordThread> thread(String channelId);

    /** The guild's active threads and forum posts, as far as the connection knows them. */
    List<DiscordThread> activeThreads();

    /**
     * Starts a public thread from a message of a text channel (POST /channels/{id}/messages/{id}/threads) and
     * completes with its id; when the message has one already (160004), with that one (a thread started from a
     * message has the message's id). Fails with {@code DiscordRejectedException} when the bot may not.
     */
    CompletionStage<String> startThread(String channelId, String messageId, String name);

    /** One message's text, as stored in Discord (the root a thread is named after). */
    CompletionStage<String> messageText(String channelId, String messageId);

    /** Whether a message author id is one of the bridge's own webhooks or its bot. */
    boolean isOwnAuthor(String authorId);

    void shutdown();
}
