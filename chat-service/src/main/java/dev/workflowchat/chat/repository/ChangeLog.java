package dev.workflowchat.chat.repository;

import dev.workflowchat.chat.ChannelAccess;
import dev.workflowchat.chat.ChatUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The service-wide sequence of changes and the log a reconnecting client replays.
 *
 * <p>A plain sequence hands out numbers in call order but transactions commit in any order, so
 * a client could see change 11 before 10 is committed and skip 10 on resume. Taking a
 * transaction-scoped advisory lock before the number makes commit order equal number order.
 *
 * <p>The log holds what a message said only as long as it still says it: an edit or a delete
 * rewrites the message's earlier records ({@link #scrub}), and changes older than the retention
 * are removed ({@link #pruneBefore}).
 */
@ApplicationScoped
public class ChangeLog {

    /** The transaction-scoped advisory lock that makes commit order equal number order. */
    public static final String SERIALISE_CHANGES = "SELECT pg_advisory_xact_lock(2003329384)";
    /** The types of change whose frame holds the whole message (and so what it said). */
    public static final String MESSAGE_FRAME_TYPES =
            "('message.created', 'message.edited', 'message.pinned', 'message.unpinned')";
    private static final String NEXT_SEQ =
            "SELECT nextval('change_seq') FROM (" + SERIALISE_CHANGES + ") AS serialised";
    private static final String RECORD =
            "INSERT INTO changes (seq, channel, type, frame, message_id) VALUES (?1, ?2, ?3, ?4, ?5)";
    /**
     * A reader's next changes: at most ?2 (the page), and no more than ?5 characters of frames but
     * for the first (the reply of a resume counts against what a connection may have waiting).
     */
    private static final String AFTER = """
            WITH page AS (
                SELECT seq, frame FROM changes
                WHERE seq > ?1 AND %s %s
                ORDER BY seq LIMIT ?2),
            sized AS (
                SELECT seq, frame, sum(length(frame)) OVER (ORDER BY seq) AS running, count(*) OVER () AS found
                FROM page)
            SELECT seq, frame, found FROM sized WHERE running - length(frame) < ?5 ORDER BY seq
            """;
    private static final String EVERY_CHANNEL_AFTER = AFTER.formatted(ChannelAccess.readableSql("channel", "?3", "?4"), "");
    /**
     * One channel's changes (a client catching up on the channel it looks at again): its own
     * statement, so the (channel, seq) index serves it however busy the other channels were.
     */
    static final String ONE_CHANNEL_AFTER = AFTER.formatted(ChannelAccess.readableSql("channel", "?3", "?4"),
            "AND channel = ?6");
    /**
     * Never below what pruning removed: a log pruned empty (a quiet month) would otherwise say 0,
     * and every client taking that as its cursor would be answered gone at each resume.
     */
    private static final String LAST_SEQ = """
            SELECT GREATEST(COALESCE((SELECT max(seq) FROM changes), 0), (SELECT through_seq FROM change_log_pruned))
            """;
    private static final String SCRUB = """
            UPDATE changes SET frame = CAST(jsonb_set(CAST(frame AS jsonb), ARRAY['message'], CAST(CAST(?2 AS text) AS jsonb)) AS text)
            WHERE message_id = ?1 AND seq < ?3 AND type IN %s
            """.formatted(MESSAGE_FRAME_TYPES);
    private static final String PRUNED_THROUGH = "SELECT through_seq FROM change_log_pruned";
    private static final String PRUNE = """
            WITH gone AS (
                DELETE FROM changes WHERE seq IN (
                    SELECT seq FROM changes WHERE created_at < ?1 ORDER BY seq LIMIT ?2)
                RETURNING seq)
            UPDATE change_log_pruned SET through_seq = GREATEST(through_seq, (SELECT max(seq) FROM gone))
            WHERE EXISTS (SELECT 1 FROM gone)
            RETURNING (SELECT count(*) FROM gone)
            """;

    /** Must run inside the transaction that makes the change; holds the lock until it commits. */
    public Uni<Long> nextSeq() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(NEXT_SEQ, Long.class).getSingleResult());
    }

    /** Records a change; {@code messageId} is the message it is about (null for none). */
    public Uni<Void> record(long seq, String channel, String type, String frameJson, UUID messageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter(1, seq)
                        .setParameter(2, channel)
                        .setParameter(3, type)
                        .setParameter(4, frameJson)
                        .setParameter(5, messageId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The frames of the changes after {@code seq} in channels the reader may read, in order: at most
     * {@code limit}, and past the first no more than {@code maxChars} of frames; of {@code channel}
     * only when it is not null.
     */
    public Uni<Page> after(ChatUser reader, long seq, String channel, int limit, long maxChars) {
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(channel == null ? EVERY_CHANNEL_AFTER : ONE_CHANNEL_AFTER,
                                    Object[].class)
                            .setParameter(1, seq)
                            .setParameter(2, limit)
                            .setParameter(3, reader.username())
                            .setParameter(4, reader.isAdmin())
                            .setParameter(5, maxChars);
                    return (channel == null ? query : query.setParameter(6, channel)).getResultList();
                })
                .map(rows -> new Page(rows.stream()
                        .map(row -> new LoggedChange(((Number) row[0]).longValue(), (String) row[1]))
                        .toList(), rows.isEmpty() ? 0 : ((Number) rows.get(0)[2]).intValue()));
    }

    public Uni<Long> lastSeq() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LAST_SEQ, Long.class).getSingleResult());
    }

    /** The newest change that pruning removed (0 when none was): resuming from before it is not possible. */
    public Uni<Long> prunedThrough() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(PRUNED_THROUGH, Long.class).getSingleResult());
    }

    /**
     * Rewrites the message in every earlier record of it to how it is now ({@code viewJson}), so a
     * resume from before an edit or a delete no longer hands out what it said. Call inside the
     * transaction of the edit or delete, whose own change is {@code seq}. (The view is bound as text,
     * then cast: bound for a jsonb cast, Hibernate would write the Java string as a JSON string.)
     */
    public Uni<Void> scrub(UUID messageId, String viewJson, long seq) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SCRUB)
                        .setParameter(1, messageId)
                        .setParameter(2, viewJson)
                        .setParameter(3, seq)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Removes up to {@code batch} of the oldest changes made before {@code cutoff}; how many it removed. */
    public Uni<Integer> pruneBefore(Instant cutoff, int batch) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(PRUNE, Long.class)
                        .setParameter(1, cutoff)
                        .setParameter(2, batch)
                        .getResultList())
                .map(removed -> removed.isEmpty() ? 0 : removed.get(0).intValue());
    }

    /** A change as it was sent: its number and its frame's JSON. */
    public record LoggedChange(long seq, String frameJson) {
    }

    /** A reader's changes, and how many the page had before it was cut to its size in characters. */
    public record Page(List<LoggedChange> changes, int found) {
    }
}
