package dev.workflowchat.bridge.discord;

/**
 * A Discord thread as the bridge sees it: a public thread of a text channel (its id is the id of the message it
 * was started from, if any) or a post of a forum channel ({@code forumPost}; its id is its starter message's).
 * {@code parentId} is the channel it belongs to, the one a mapping names.
 */
public record DiscordThread(String id, String parentId, String name, String ownerId, boolean forumPost) {
}
