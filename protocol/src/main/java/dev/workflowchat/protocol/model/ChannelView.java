package dev.workflowchat.protocol.model;

/**
 * A channel as one user sees it: {@code kind} is {@code public} or {@code dm};
 * {@code unread} counts others' messages after the user's read marker; {@code project} is the
 * workflow project the channel is bound to (null: the default project).
 */
public record ChannelView(
        String name,
        String description,
        String kind,
        long lastSeq,
        long lastReadSeq,
        long unread,
        String project) {

    public ChannelView(String name, String description, String kind, long lastSeq, long lastReadSeq, long unread) {
        this(name, description, kind, lastSeq, lastReadSeq, unread, null);
    }
}
