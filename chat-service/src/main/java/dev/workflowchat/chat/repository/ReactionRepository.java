package dev.workflowchat.chat.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reactions, kept as rows of (message, reaction, user) and read back grouped per message. */
@ApplicationScoped
public class ReactionRepository {

    private static final String ADD = """
            INSERT INTO reactions (message_id, reaction, user_id) VALUES (?1, ?2, ?3)
            ON CONFLICT DO NOTHING
            """;
    private static final String REMOVE = "DELETE FROM reactions WHERE message_id = ?1 AND reaction = ?2 AND user_id = ?3";
    private static final String DISTINCT = "SELECT DISTINCT reaction FROM reactions WHERE message_id = ?1";
    private static final String OF_MESSAGES = """
            SELECT message_id, reaction, user_id FROM reactions
            WHERE message_id IN (?1)
            ORDER BY created_at, user_id
            """;

    /** True when the reaction was not there before. */
    public Uni<Boolean> add(UUID messageId, String reaction, String userId) {
        return update(ADD, messageId, reaction, userId);
    }

    /** The different reactions a message has. */
    public Uni<Set<String>> distinctOf(UUID messageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(DISTINCT, String.class)
                        .setParameter(1, messageId)
                        .getResultList())
                .map(HashSet::new);
    }

    /** True when the reaction was there. */
    public Uni<Boolean> remove(UUID messageId, String reaction, String userId) {
        return update(REMOVE, messageId, reaction, userId);
    }

    /** For each message that has reactions: emoji → user ids, in the order they reacted. */
    public Uni<Map<UUID, Map<String, List<String>>>> ofMessages(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(OF_MESSAGES, Object[].class)
                        .setParameter(1, List.copyOf(messageIds))
                        .getResultList())
                .map(ReactionRepository::group);
    }

    public Uni<Map<String, List<String>>> ofMessage(UUID messageId) {
        return ofMessages(List.of(messageId)).map(all -> all.getOrDefault(messageId, Map.of()));
    }

    private static Uni<Boolean> update(String sql, UUID messageId, String reaction, String userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql)
                        .setParameter(1, messageId)
                        .setParameter(2, reaction)
                        .setParameter(3, userId)
                        .executeUpdate())
                .map(rows -> rows > 0);
    }

    private static Map<UUID, Map<String, List<String>>> group(List<Object[]> rows) {
        Map<UUID, Map<String, List<String>>> grouped = new HashMap<>();
        for (Object[] row : rows) {
            grouped.computeIfAbsent((UUID) row[0], id -> new LinkedHashMap<>())
                    .computeIfAbsent((String) row[1], reaction -> new ArrayList<>())
                    .add((String) row[2]);
        }
        return grouped;
    }
}
