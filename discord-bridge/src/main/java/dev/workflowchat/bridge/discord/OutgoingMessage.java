package dev.workflowchat.bridge.discord;

import java.util.List;

/**
 * What the bridge posts into a Discord channel through its webhook, under someone's name, and whom it
 * may ping ({@link Mentions}: nobody unless listed), with the approval buttons when it asks for a decision.
 */
public record OutgoingMessage(String username, String avatarUrl, String content, List<File> files, Mentions mentions,
                              ApprovalButtons buttons) {

    public OutgoingMessage {
        files = List.copyOf(files);
        mentions = mentions == null ? Mentions.none() : mentions;
    }

    /** A message without buttons. */
    public OutgoingMessage(String username, String avatarUrl, String content, List<File> files, Mentions mentions) {
        this(username, avatarUrl, content, files, mentions, null);
    }

    /** A notice of the bridge's own that pings exactly {@code userIds}. */
    public static OutgoingMessage pinging(String username, String content, List<String> userIds) {
        return new OutgoingMessage(username, null, content, List.of(), Mentions.only(userIds));
    }

    public record File(String fileName, byte[] bytes) {
    }
}
