package dev.workflowchat.bridge.discord;

import java.util.List;
import java.util.Map;

/**
 * A Discord message as the bridge sees it, free of JDA types. {@code webhookId} is set for
 * messages a webhook posted (the bridge's own among them); {@code fromBot} for bot users.
 * {@code authorName} is the account's global name; {@code authorMemberName} the name the guild shows
 * (server nickname first), null when the message did not carry its author's member (one fetched over
 * REST). {@code editedAt} is Discord's {@code edited_timestamp}, null when never edited.
 */
public record DiscordMessage(
        String id,
        String guildId,
        String channelId,
        String authorId,
        String authorName,
        String authorMemberName,
        String avatarUrl,
        boolean fromBot,
        String webhookId,
        String content,
        String replyToId,
        String editedAt,
        List<Attachment> attachments,
        Named named) {

    public DiscordMessage {
        attachments = List.copyOf(attachments);
        named = named == null ? Named.NONE : named;
    }

    /** A file on Discord's CDN (its URL expires, hence re-hosting). */
    public record Attachment(String fileName, String url, String contentType, long size) {
    }

    /**
     * What the message's mentions are called, as far as the message itself (and the client's caches) says:
     * by user id the guild's name for a member ({@code members}, server nickname first) and the account's
     * name ({@code users}); role and channel names by id.
     */
    public record Named(Map<String, String> members, Map<String, String> users, Map<String, String> roles,
                        Map<String, String> channels) {

        public static final Named NONE = new Named(Map.of(), Map.of(), Map.of(), Map.of());

        public Named {
            members = Map.copyOf(members);
            users = Map.copyOf(users);
            roles = Map.copyOf(roles);
            channels = Map.copyOf(channels);
        }
    }
}
