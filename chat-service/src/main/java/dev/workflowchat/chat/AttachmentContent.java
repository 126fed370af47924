package dev.workflowchat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The bytes of an upload and of its thumbnail, if it has one; written once, read back column by column. */
@Entity
@Table(name = "attachment_contents")
public class AttachmentContent {

    @Id
    @Column(name = "attachment_id")
    public UUID attachmentId;

    public byte[] bytes;

    public byte[] thumbnail;
}
