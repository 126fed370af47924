package dev.workflowchat.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A channel as one user sees it: {@code kind} is {@code public} or {@code dm};
 * {@code unread} counts others' messages after the user's read marker; {@code project} is the
 * workflow project the channel is bound to (null: the default project); {@code title}, when an
 * admin gave one, is what people see instead of the name (the name is a key everywhere, never
 * renamed; absent when there is none).
 */
public record ChannelView(
        String name,
        String description,
        String kind,
        long lastSeq,
        long lastReadSeq,
        long unread,
        String project,
        @JsonInclude(JsonInclude.Include.NON_NULL) String title) {

    public ChannelView(String name, String description, String kind, long lastSeq, long lastReadSeq, long unread) {
        this(name, description, kind, lastSeq, lastReadSeq, unread, null, null);
    }

    public ChannelView(String name, String description, String kind, long lastSeq, long lastReadSeq, long unread,
                       String project) {
        this(name, description, kind, lastSeq, lastReadSeq, unread, project, null);
    }
}
