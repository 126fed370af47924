package dev.workflowchat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A message in a channel; soft-deleted messages keep their row and place. */
@Entity
@Table(name = "messages")
public class Message {

    @Id
    public UUID id;

    public long seq;

    public String channel;

    @Column(name = "author_type")
    public String authorType;

    @Column(name = "author_id")
    public String authorId;

    @Column(name = "author_name")
    public String authorName;

    public String content;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "edited_at")
    public Instant editedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "thread_id")
    public UUID threadId;

    @Column(name = "reply_to")
    public UUID replyTo;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata;

    public String source;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "pinned_at")
    public Instant pinnedAt;

    @Column(name = "pinned_by")
    public String pinnedBy;

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
