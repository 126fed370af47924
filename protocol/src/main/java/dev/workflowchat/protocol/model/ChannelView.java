package dev.workflowchat.protocol.model;

/**
 * A channel as one user sees it: {@code kind} is {@code public} or {@code dm};
 * {@code unread} counts others' messages after the user's read marker.
 */
public record ChannelView(
        String name,
        String description,
        String kind,
        long lastSeq,
        long lastReadSeq,
        long unread) {
}
