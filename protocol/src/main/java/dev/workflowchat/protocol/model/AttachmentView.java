package dev.workflowchat.protocol.model;

/** A file attached to a message; {@code thumbnail_url} only for images. */
public record AttachmentView(
        String id,
        String fileName,
        String fileType,
        long fileSize,
        String url,
        String thumbnailUrl) {
}
