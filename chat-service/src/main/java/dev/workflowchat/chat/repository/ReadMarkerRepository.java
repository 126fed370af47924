package dev.workflowchat.chat.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How far each user has read each channel; a marker only ever moves forward. It carries the
 * counts unread is computed from (V15__unread_counters.sql), set here as it moves and kept by the
 * database's triggers as messages come and go.
 */
@ApplicationScoped
public class ReadMarkerRepository {

    /**
     * Waits for a write in flight in the channel (it holds this row until it commits), and holds
     * off the next until the marker is stored: the counts below then see every message either
     * before them or after, never half.
     */
    private static final String LOCK_CHANNEL_COUNTS = "SELECT 1 FROM channel_counters WHERE channel = ?1 FOR SHARE";

    /**
     * The marker at {@code seq}, but never past the last change number handed out (a message
     * written later must come after every marker, so no write has to move markers); read_live is
     * the live messages up to it, own_unread and mentions_unread count after it. Counting what
     * comes after costs little: a marker moves to what a client has just seen, mostly the newest.
     */
    private static final String ADVANCE = """
            WITH marker AS (
                SELECT LEAST(?3, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_seq)) AS seq),
            after AS (
                SELECT count(*) AS live,
                       count(*) FILTER (WHERE m.author_type = 'user' AND m.author_id = ?1) AS own,
                       count(*) FILTER (WHERE strpos(m.content, '@') > 0
                                          AND ?1 = ANY (wf_mentioned(m.content, m.channel, m.author_type, m.author_id)))
                           AS mentions
                FROM messages m, marker
                WHERE m.channel = ?2 AND m.seq > marker.seq AND m.deleted_at IS NULL)
            INSERT INTO read_markers AS r (username, channel, last_read_seq, read_live, own_unread, mentions_unread)
            SELECT ?1, ?2, marker.seq,
                   COALESCE((SELECT live FROM channel_counters WHERE channel = ?2), 0) - after.live,
                   after.own, after.mentions
            FROM marker, after
            ON CONFLICT (username, channel) DO UPDATE
            SET last_read_seq = EXCLUDED.last_read_seq, read_live = EXCLUDED.read_live,
                own_unread = EXCLUDED.own_unread, mentions_unread = EXCLUDED.mentions_unread
            WHERE EXCLUDED.last_read_seq > r.last_read_seq
            """;

    /** Call inside a transaction (the channel's counts stay locked until it ends). */
    public Uni<Void> advance(String username, String channel, long seq) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_CHANNEL_COUNTS, Integer.class)
                        .setParameter(1, channel)
                        .getResultList()
                        .chain(locked -> session.createNativeQuery(ADVANCE)
                                .setParameter(1, username)
                                .setParameter(2, channel)
                                .setParameter(3, seq)
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
