package dev.workflowchat.bridge.discord;

import java.util.List;

/**
 * What the bridge posts into a Discord channel through its webhook, under someone's name, and whom it
 * may ping ({@link Mentions}: nobody unless listed).
 */
public record OutgoingMessage(String username, String avatarUrl, String content, List<File> files, Mentions mentions) {

    public OutgoingMessage {
        files = List.copyOf(files);
        mentions = mentions == null ? Mentions.none() : mentions;
    }

    /** A notice of the bridge's own that pings exactly {@code userIds}. */
    public static OutgoingMessage pinging(String username, String content, List<String> userIds) {
        return new OutgoingMessage(username, null, content, List.of(), Mentions.only(userIds));
    }

    public record File(String fileName, byte[] bytes) {
    }
}
