package dev.workflowchat.bridge.discord;

import java.util.List;

/**
 * A Discord message as the bridge sees it, free of JDA types. {@code webhookId} is set for
 * messages a webhook posted (the bridge's own among them); {@code fromBot} for bot users.
 */
public record DiscordMessage(
        String id,
        String guildId,
        String channelId,
        String authorId,
        String authorName,
        String avatarUrl,
        boolean fromBot,
        String webhookId,
        String content,
        String replyToId,
        boolean edited,
        List<Attachment> attachments) {

    /** A file on Discord's CDN (its URL expires, hence re-hosting). */
    public record Attachment(String fileName, String url, String contentType, long size) {
    }
}
