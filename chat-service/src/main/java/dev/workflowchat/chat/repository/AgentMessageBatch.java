package dev.workflowchat.chat.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The ingest path's SQL: many agents' messages stored in one transaction with a handful of
 * statements (arrays unnested into multi-row inserts), instead of a transaction and half a dozen
 * round trips each. Statements are prepared once per connection and reused.
 */
@ApplicationScoped
public class AgentMessageBatch {

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
            SELECT m.id, m.seq, m.channel, 'agent', m.agent, m.agent, m.content, $6, m.metadata::jsonb, 'agent'
            FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $7::text[])
                 AS m(id, seq, channel, agent, content, metadata)
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

    /** Inserts the messages and their changes; all lists are parallel, one entry per message. */
    public Uni<Void> insert(SqlConnection connection, Rows rows, Instant createdAt) {
        Tuple messages = Tuple.tuple()
                .addArrayOfUUID(rows.ids().toArray(UUID[]::new))
                .addArrayOfLong(rows.seqs().toArray(Long[]::new))
                .addArrayOfString(rows.channels().toArray(String[]::new))
                .addArrayOfString(rows.agents().toArray(String[]::new))
                .addArrayOfString(rows.contents().toArray(String[]::new))
                .addOffsetDateTime(OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .addArrayOfString(rows.metadata().toArray(String[]::new));
        Tuple changes = Tuple.tuple()
                .addArrayOfLong(rows.seqs().toArray(Long[]::new))
                .addArrayOfString(rows.channels().toArray(String[]::new))
                .addArrayOfString(rows.seqs().stream().map(ignored -> "message.created").toArray(String[]::new))
                .addArrayOfString(rows.frames().toArray(String[]::new))
                .addArrayOfUUID(rows.ids().toArray(UUID[]::new));
        return connection.preparedQuery(INSERT_MESSAGES).execute(messages)
                .chain(() -> connection.preparedQuery(INSERT_CHANGES).execute(changes))
                .replaceWithVoid();
    }

    /** The columns of the messages to insert, one list per column, and each one's change frame. */
    public record Rows(List<UUID> ids, List<Long> seqs, List<String> channels, List<String> agents,
                       List<String> contents, List<String> metadata, List<String> frames) {

        public static Rows withCapacity(int size) {
            return new Rows(new ArrayList<>(size), new ArrayList<>(size), new ArrayList<>(size), new ArrayList<>(size),
                    new ArrayList<>(size), new ArrayList<>(size), new ArrayList<>(size));
        }
    }
}
