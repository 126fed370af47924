package dev.workflowchat.chat.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The service-wide sequence of changes and the log a reconnecting client replays.
 *
 * <p>A plain sequence hands out numbers in call order but transactions commit in any order, so
 * a client could see change 11 before 10 is committed and skip 10 on resume. Taking a
 * transaction-scoped advisory lock before the number makes commit order equal number order.
 */
@ApplicationScoped
public class ChangeLog {

    /** The transaction-scoped advisory lock that makes commit order equal number order. */
    public static final String SERIALISE_CHANGES = "SELECT pg_advisory_xact_lock(2003329384)";
    private static final String NEXT_SEQ =
            "SELECT nextval('change_seq') FROM (" + SERIALISE_CHANGES + ") AS serialised";
    private static final String RECORD =
            "INSERT INTO changes (seq, channel, type, frame) VALUES (?1, ?2, ?3, ?4)";
    private static final String AFTER =
            "SELECT seq, frame FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2";
    private static final String LAST_SEQ = "SELECT COALESCE(max(seq), 0) FROM changes";

    /** Must run inside the transaction that makes the change; holds the lock until it commits. */
    public Uni<Long> nextSeq() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(NEXT_SEQ, Long.class).getSingleResult());
    }

    public Uni<Void> record(long seq, String channel, String type, String frameJson) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter(1, seq)
                        .setParameter(2, channel)
                        .setParameter(3, type)
                        .setParameter(4, frameJson)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The frames of the changes after {@code seq}, in order, at most {@code limit}. */
    public Uni<List<LoggedChange>> after(long seq, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(AFTER, Object[].class)
                        .setParameter(1, seq)
                        .setParameter(2, limit)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new LoggedChange(((Number) row[0]).longValue(), (String) row[1]))
                        .toList());
    }

    public Uni<Long> lastSeq() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LAST_SEQ, Long.class).getSingleResult());
    }

    /** A change as it was sent: its number and its frame's JSON. */
    public record LoggedChange(long seq, String frameJson) {
    }
}
