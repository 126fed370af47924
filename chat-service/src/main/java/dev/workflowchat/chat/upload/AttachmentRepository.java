package dev.workflowchat.chat.upload;

import dev.workflowchat.chat.Attachment;
import dev.workflowchat.chat.AttachmentContent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class AttachmentRepository implements PanacheRepositoryBase<Attachment, UUID> {

    private static final String OF_CHANNEL = """
            select a from Attachment a join Message m on m.id = a.messageId
            where m.channel = ?1 and m.deletedAt is null
            order by m.seq desc, a.position
            """;
    private static final String BYTES = "SELECT bytes FROM attachment_contents WHERE attachment_id = ?1";
    private static final String THUMBNAIL = "SELECT thumbnail FROM attachment_contents WHERE attachment_id = ?1";

    public Uni<Void> store(Attachment attachment, byte[] bytes, byte[] thumbnail) {
        AttachmentContent content = new AttachmentContent();
        content.attachmentId = attachment.id;
        content.bytes = bytes;
        content.thumbnail = thumbnail;
        return persist(attachment)
                .chain(stored -> getSession().chain(session -> session.persist(content)));
    }

    /** Locked until the transaction ends, so two messages can't both take the same upload. */
    public Uni<List<Attachment>> lockAll(Collection<UUID> ids) {
        return find("id in ?1", List.copyOf(ids)).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Each message's files, in the order its sender listed them. */
    public Uni<Map<UUID, List<Attachment>>> ofMessages(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("messageId in ?1", Sort.ascending("position"), List.copyOf(messageIds))
                .map(found -> {
                    Map<UUID, List<Attachment>> byMessage = new HashMap<>();
                    found.forEach(file -> byMessage.computeIfAbsent(file.messageId, id -> new ArrayList<>()).add(file));
                    return byMessage;
                });
    }

    /** The files of a channel's live messages, newest message first. */
    public Uni<List<Attachment>> ofChannel(String channel, int limit) {
        return find(OF_CHANNEL, channel).page(0, limit).list();
    }

    /** Removes uploads made before {@code cutoff} that no message took (their bytes go with them). */
    public Uni<Integer> deleteUnattachedBefore(Instant cutoff) {
        return delete("messageId is null and createdAt < ?1", cutoff).map(Long::intValue);
    }

    /** The file's bytes, or its thumbnail's; null when there are none. */
    public Uni<byte[]> content(UUID id, boolean thumbnail) {
        return getSession()
                .chain(session -> session.createNativeQuery(thumbnail ? THUMBNAIL : BYTES, byte[].class)
                        .setParameter(1, id)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }
}
