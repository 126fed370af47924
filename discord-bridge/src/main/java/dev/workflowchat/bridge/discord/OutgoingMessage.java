package dev.workflowchat.bridge.discord;

import java.util.List;

/**
 * What the bridge posts into a Discord channel through its webhook, under someone's name.
 * {@code pinged}: null lets the text ping as it would if typed in Discord (a relayed message); a
 * list pings those Discord users and no one else, whatever the text holds.
 */
public record OutgoingMessage(String username, String avatarUrl, String content, List<File> files, List<String> pinged) {

    public OutgoingMessage {
        files = List.copyOf(files);
        pinged = pinged == null ? null : List.copyOf(pinged);
    }

    /** A relayed message: its mentions work as in Discord. */
    public OutgoingMessage(String username, String avatarUrl, String content, List<File> files) {
        this(username, avatarUrl, content, files, null);
    }

    /** A notice of the bridge's own that pings exactly {@code userIds}. */
    public static OutgoingMessage pinging(String username, String content, List<String> userIds) {
        return new OutgoingMessage(username, null, content, List.of(), userIds);
    }

    public record File(String fileName, byte[] bytes) {
    }
}
