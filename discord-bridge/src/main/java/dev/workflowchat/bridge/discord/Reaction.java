package dev.workflowchat.bridge.discord;

/** A person's standard (unicode) emoji reaction added or removed in Discord; {@code userName} may be null. */
public record Reaction(String channelId, String messageId, String userId, String userName, String emoji, boolean added) {
}
