package dev.workflowchat.bridge.discord;

import java.util.List;

/** What the bridge posts into a Discord channel through its webhook, under someone's name. */
public record OutgoingMessage(String username, String avatarUrl, String content, List<File> files) {

    public record File(String fileName, byte[] bytes) {
    }
}
