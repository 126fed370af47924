package dev.workflowchat.chat.repository;

import dev.workflowchat.chat.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Many messages stored in one transaction with a handful of statements (arrays unnested into
 * multi-row inserts), instead of a transaction and half a dozen round trips each: the agents'
 * ingest ({@code AgentMessageIngest}) and people's sends gathered while the previous group
 * committed ({@code GroupedSends}). Statements are prepared once per connection and reused.
 */
@ApplicationScoped
public class MessageBatch {

    private static final String EXISTING_CHANNELS = "SELECT name FROM channels WHERE name = ANY($1::text[])";
    private static final String CLAIM = """
            INSERT INTO processed_events (event_id, type)
            SELECT unnest($1::text[]), 'agent.message'
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id
            """;
    private static final String NEXT_SEQS = "SELECT nextval('change_seq') AS seq FROM ("
            + ChangeLog.SERIALISE_CHANGES + ") AS serialised, generate_series(1, $1) ORDER BY 1";
    private static final String INSERT_MESSAGES = """
            INSERT INTO messages (id, seq, channel, author_type, author_id, author_name, content, created_at, metadata,
                                  source)
            SELECT m.id, m.seq, m.channel, m.author_type, m.author_id, m.author_name, m.content, m.created_at,
                   m.metadata::jsonb, m.source
            FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::timestamptz[], $9::text[], $10::text[])
                 AS m(id, seq, channel, author_type, author_id, author_name, content, created_at, metadata, source)
            """;
    private static final String INSERT_CHANGES = """
            INSERT INTO changes (seq, channel, type, frame, message_id)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::uuid[])
            """;

    /** Which of these channels exist. */
    public Uni<Set<String>> existingChannels(SqlConnection connection, Set<String> channels) {
        return connection.preparedQuery(EXISTING_CHANNELS).execute(Tuple.of(channels.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> found = new HashSet<>();
                    for (Row row : rows) {
                        found.add(row.getString(0));
                    }
                    return found;
                });
    }

    /** Claims the envelope ids; returns those claimed now (not applied before, each once). */
    public Uni<Set<String>> claim(SqlConnection connection, List<String> eventIds) {
        return connection.preparedQuery(CLAIM).execute(Tuple.of(eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> claimed = new HashSet<>();
                    for (Row row : rows) {
                        claimed.add(row.getString(0));
                    }
                    return claimed;
                });
    }

    /** The next {@code count} change numbers, in order, holding the change lock until the transaction ends. */
    public Uni<List<Long>> nextSeqs(SqlConnection connection, int count) {
        return connection.preparedQuery(NEXT_SEQS).execute(Tuple.of(count))
                .map(rows -> {
                    List<Long> seqs = new ArrayList<>(count);
                    for (Row row : rows) {
                        seqs.add(row.getLong(0));
                    }
                    return seqs;
                });
    }

    /**
     * Inserts the messages (top-level, answering nothing, without files) and their {@code message.created}
     * changes, in the order given.
     */
    public Uni<Void> insert(SqlConnection connection, List<NewMessage> rows) {
        Tuple messages = Tuple.tuple()
                .addArrayOfUUID(rows.stream().map(row -> row.message().id).toArray(UUID[]::new))
                .addArrayOfLong(rows.stream().map(row -> row.message().seq).toArray(Long[]::new))
                .addArrayOfString(rows.stream().map(row -> row.message().channel).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(row -> row.message().authorType).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(row -> row.message().authorId).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(row -> row.message().authorName).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(row -> row.message().content).toArray(String[]::new))
                .addArrayOfOffsetDateTime(rows.stream()
                        .map(row -> OffsetDateTime.ofInstant(row.message().createdAt, ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new))
                .addArrayOfString(rows.stream().map(NewMessage::metadataJson).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(row -> row.message().source).toArray(String[]::new));
        Tuple changes = Tuple.tuple()
                .addArrayOfLong(rows.stream().map(row -> row.message().seq).toArray(Long[]::new))
                .addArrayOfString(rows.stream().map(row -> row.message().channel).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(row -> "message.created").toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMessage::frameJson).toArray(String[]::new))
                .addArrayOfUUID(rows.stream().map(row -> row.message().id).toArray(UUID[]::new));
        return connection.preparedQuery(INSERT_MESSAGES).execute(messages)
                .chain(() -> connection.preparedQuery(INSERT_CHANGES).execute(changes))
                .replaceWithVoid();
    }

    /** A message to insert, its metadata as JSON, and its {@code message.created} frame's JSON. */
    public record NewMessage(Message message, String metadataJson, String frameJson) {
    }
}
