package dev.workflowchat.chat.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.Attachment;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.mapping.AttachmentMapper;
import dev.workflowchat.chat.mapping.MessageExtras;
import dev.workflowchat.chat.mapping.MessageMapper;
import dev.workflowchat.protocol.model.MessageView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A history page as clients see it, in one query: the page by the (channel, seq) index, each
 * message's reactions, files and live replies gathered beside it. A page was four round trips
 * (page, reactions, files, reply counts), each well under a millisecond in PostgreSQL and the
 * rest spent around them (issue #22: p99 15.8 ms at 1M messages). Runs on the pool, outside any
 * Hibernate session: a read of committed rows that needs none.
 */
@ApplicationScoped
public class MessagePages {

    private static final String PAGE = """
            SELECT m.id, m.seq, m.channel, m.author_type, m.author_id, m.author_name, m.content, m.created_at,
                   m.edited_at, m.deleted_at, m.thread_id, m.reply_to, m.metadata::text AS metadata, m.source,
                   m.external_id, m.pinned_at, m.pinned_by,
                   (SELECT json_agg(json_build_array(r.reaction, r.user_id) ORDER BY r.created_at, r.user_id)
                    FROM reactions r WHERE r.message_id = m.id)::text AS reactions,
                   (SELECT json_agg(json_build_object('id', a.id, 'file_name', a.file_name, 'file_type', a.file_type,
                                                      'file_size', a.file_size, 'uploaded_by', a.uploaded_by,
                                                      'thumbnail_type', a.thumbnail_type,
                                                      'created_at', a.created_at) ORDER BY a.position)
                    FROM attachments a WHERE a.message_id = m.id)::text AS files,
                   (SELECT count(*) FROM messages t WHERE t.thread_id = m.id AND t.deleted_at IS NULL) AS replies
            FROM (SELECT * FROM messages WHERE channel = $1 AND seq %s $2 ORDER BY seq %s LIMIT $3) m
            ORDER BY m.seq %s
            """;
    private static final String BEFORE = PAGE.formatted("<", "DESC", "DESC");
    private static final String AFTER = PAGE.formatted(">", "ASC", "ASC");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<List<String>>> PAIRS = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, Object>>> OBJECTS = new TypeReference<>() { };

    private final Pool pool;
    private final ObjectMapper json;

    public MessagePages(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Newest first before {@code beforeSeq}, {@code limit + 1} rows so the caller can tell whether more exist. */
    public Uni<List<MessageView>> before(String channel, long beforeSeq, int limit) {
        return page(BEFORE, channel, beforeSeq, limit);
    }

    /** Oldest first after {@code afterSeq}, {@code limit + 1} rows so the caller can tell whether more exist. */
    public Uni<List<MessageView>> after(String channel, long afterSeq, int limit) {
        return page(AFTER, channel, afterSeq, limit);
    }

    private Uni<List<MessageView>> page(String sql, String channel, long seq, int limit) {
        return pool.preparedQuery(sql).execute(Tuple.of(channel, seq, limit + 1))
                .map(rows -> {
                    List<MessageView> views = new ArrayList<>(limit + 1);
                    for (Row row : rows) {
                        views.add(MessageMapper.toView(message(row), new MessageExtras(reactions(row.getString("reactions")),
                                AttachmentMapper.toViews(files(row.getString("files"), row.getUUID("id"))),
                                row.getLong("replies"))));
                    }
                    return views;
                });
    }

    private Message message(Row row) {
        Message message = new Message();
        message.id = row.getUUID("id");
        message.seq = row.getLong("seq");
        message.channel = row.getString("channel");
        message.authorType = row.getString("author_type");
        message.authorId = row.getString("author_id");
        message.authorName = row.getString("author_name");
        message.content = row.getString("content");
        message.createdAt = instant(row.getOffsetDateTime("created_at"));
        message.editedAt = instant(row.getOffsetDateTime("edited_at"));
        message.deletedAt = instant(row.getOffsetDateTime("deleted_at"));
        message.threadId = row.getUUID("thread_id");
        message.replyTo = row.getUUID("reply_to");
        message.metadata = read(row.getString("metadata"), OBJECT);
        message.source = row.getString("source");
        message.externalId = row.getString("external_id");
        message.pinnedAt = instant(row.getOffsetDateTime("pinned_at"));
        message.pinnedBy = row.getString("pinned_by");
        return message;
    }

    /** Reaction to the people who gave it, in the order given, as ReactionRepository groups them. */
    private Map<String, List<String>> reactions(String pairs) {
        if (pairs == null) {
            return Map.of();
        }
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        read(pairs, PAIRS).forEach(pair -> grouped.computeIfAbsent(pair.get(0), reaction -> new ArrayList<>()).add(pair.get(1)));
        return grouped;
    }

    private List<Attachment> files(String objects, UUID messageId) {
        if (objects == null) {
            return List.of();
        }
        return read(objects, OBJECTS).stream().map(object -> {
            Attachment file = new Attachment();
            file.id = UUID.fromString((String) object.get("id"));
            file.messageId = messageId;
            file.fileName = (String) object.get("file_name");
            file.fileType = (String) object.get("file_type");
            file.fileSize = ((Number) object.get("file_size")).longValue();
            file.uploadedBy = (String) object.get("uploaded_by");
            file.thumbnailType = (String) object.get("thumbnail_type");
            file.createdAt = OffsetDateTime.parse((String) object.get("created_at")).toInstant();
            return file;
        }).toList();
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL's JSON must parse", e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
