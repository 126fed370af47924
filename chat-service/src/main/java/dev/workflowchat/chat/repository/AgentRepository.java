package dev.workflowchat.chat.repository;

import dev.workflowchat.protocol.model.AgentPresence;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Agents' presence rows. */
@ApplicationScoped
public class AgentRepository {

    private static final String COLUMNS = "name, status, task, detail, last_seen_at, status_since";
    /** A status restated (the same status, a new task) keeps the time it began. */
    private static final String UPSERT_STATUS = """
            INSERT INTO agents (name, status, task, detail, status_at, last_seen_at, status_since)
            VALUES (?1, ?2, ?3, ?4, ?5, now(), ?5)
            ON CONFLICT (name) DO UPDATE
               SET status = EXCLUDED.status, task = EXCLUDED.task, detail = EXCLUDED.detail,
                   status_at = EXCLUDED.status_at, last_seen_at = now(),
                   status_since = CASE WHEN agents.status = EXCLUDED.status THEN agents.status_since
                                       ELSE EXCLUDED.status_at END
             WHERE agents.status_at <= EXCLUDED.status_at
            RETURNING %s
            """.formatted(COLUMNS);
    private static final String MARK_SILENT_OFFLINE = """
            UPDATE agents SET status = 'offline', task = NULL, status_since = now()
             WHERE status <> 'offline' AND last_seen_at < now() - make_interval(secs => ?1)
            RETURNING %s
            """.formatted(COLUMNS);
    private static final String ALL = "SELECT " + COLUMNS + " FROM agents ORDER BY name";
    private static final String KNOWN_AMONG = """
            SELECT name FROM agents WHERE name IN (?1)
            UNION
            SELECT split_part(name, ':', 2) FROM channels WHERE kind = 'dm' AND split_part(name, ':', 2) IN (?1)
            """;

    /** The new presence, or null when a newer status was already recorded (a late event). */
    public Uni<AgentPresence> recordStatus(String agent, String status, String task, String detail, Instant statusAt) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT_STATUS, Object[].class)
                        .setParameter(1, agent)
                        .setParameter(2, status)
                        .setParameter(3, task)
                        .setParameter(4, detail)
                        .setParameter(5, statusAt)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : toPresence(rows.get(0)));
    }

    /** Marks agents silent for longer than {@code silentSeconds} offline; returns only those this call changed. */
    public Uni<List<AgentPresence>> markSilentOffline(long silentSeconds) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK_SILENT_OFFLINE, Object[].class)
                        .setParameter(1, (double) silentSeconds)
                        .getResultList())
                .map(rows -> rows.stream().map(AgentRepository::toPresence).toList());
    }

    public Uni<List<AgentPresence>> all() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ALL, Object[].class).getResultList())
                .map(rows -> rows.stream().map(AgentRepository::toPresence).toList());
    }

    /** Which of these names belong to agents the chat has met (presence or a DM channel). */
    public Uni<Set<String>> knownAmong(Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(KNOWN_AMONG, String.class)
                        .setParameter(1, List.copyOf(names))
                        .getResultList())
                .map(HashSet::new);
    }

    private static AgentPresence toPresence(Object[] row) {
        return new AgentPresence((String) row[0], (String) row[1], (String) row[2], (String) row[3], instant(row[4]),
                instant(row[5]));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
