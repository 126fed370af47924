package dev.workflowchat.protocol.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message as every client sees it (protocol section 5). {@code seq} is the number of its
 * creation and never changes; a deleted message keeps its place but not its content.
 * {@code pinned_at} and {@code pinned_by} are null unless pinned; {@code reply_count} counts the
 * live replies in the thread this message starts.
 */
public record MessageView(
        String messageId,
        long seq,
        String channel,
        String authorType,
        String authorId,
        String authorName,
        String content,
        Instant createdAt,
        Instant editedAt,
        Instant deletedAt,
        String threadId,
        String replyTo,
        Map<String, List<String>> reactions,
        List<AttachmentView> attachments,
        Map<String, Object> metadata,
        String source,
        String externalId,
        Instant pinnedAt,
        String pinnedBy,
        long replyCount) {
}
