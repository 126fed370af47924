package dev.workflowchat.protocol.model;

import java.time.Instant;

/**
 * A file attached to a message, or uploaded to be attached; {@code thumbnail_url} only for
 * raster images that have a thumbnail. {@code message_id} is null until the upload is attached.
 */
public record AttachmentView(
        String id,
        String fileName,
        String fileType,
        long fileSize,
        String url,
        String thumbnailUrl,
        String messageId,
        String uploadedBy,
        Instant createdAt) {
}
