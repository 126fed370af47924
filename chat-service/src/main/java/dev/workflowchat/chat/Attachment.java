package dev.workflowchat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An uploaded file: attached to a message, or waiting for its uploader to send one. Its bytes live apart. */
@Entity
@Table(name = "attachments")
public class Attachment {

    @Id
    public UUID id;

    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "file_name")
    public String fileName;

    /** The MIME type found in the content, never the one the client claimed. */
    @Column(name = "file_type")
    public String fileType;

    @Column(name = "file_size")
    public long fileSize;

    public String sha256;

    @Column(name = "storage_key")
    public String storageKey;

    @Column(name = "thumbnail_type")
    public String thumbnailType;

    public int position;

    @Column(name = "created_at")
    public Instant createdAt;

    public boolean hasThumbnail() {
        return thumbnailType != null;
    }
}
