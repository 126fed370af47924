package dev.workflowchat.bridge.discord;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Everything the bridge does with Discord, and nothing of how. {@link JdaDiscordClient} is the one
 * implementation; the boundary keeps JDA's types and threads out of the relay logic.
 */
public interface DiscordClient {

    void connect(DiscordListener listener);

    boolean connected();

    /** Posts through the channel's webhook; completes with the new message's id. */
    CompletionStage<String> post(String channelId, OutgoingMessage message);

    /** Rewrites a message the channel's webhook posted; {@code mentions} as for a post. */
    CompletionStage<Void> edit(String channelId, String messageId, String content, Mentions mentions);

    CompletionStage<Void> delete(String channelId, String messageId);

    /** The bot answers in a channel under its own name (e.g. where to run a command). */
    CompletionStage<Void> reply(String channelId, String replyToId, String content);

    /** Up to {@code limit} messages after {@code afterId} (or the newest ones, if null), oldest first. */
    CompletionStage<List<DiscordMessage>> messagesAfter(String channelId, String afterId, int limit);

    /** Whether a message author id is one of the bridge's own webhooks or its bot. */
    boolean isOwnAuthor(String authorId);

    void shutdown();
}
