package dev.workflowchat.chat.repository;

import dev.workflowchat.chat.ChannelAccess;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.Message;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    /** How many of the newest matches a search ranks: a common word's older matches are never read. */
    static final int RANKED_AT_MOST = 1000;
    /**
     * Limit before rank: the newest matches (the GIN index on the stored search_vector finds them),
     * then ts_rank over those alone, best first and newest first among equals. Ranking every match
     * of a common word cost 143 ms at 1M messages (issue #22).
     */
    private static final String RANKED_MATCHES = """
            WITH newest AS MATERIALIZED (
                SELECT id, seq, search_vector FROM messages
                WHERE search_vector @@ websearch_to_tsquery('english', ?1)
                  AND deleted_at IS NULL AND %s %s
                ORDER BY seq DESC
                LIMIT %d)
            SELECT id FROM newest
            ORDER BY ts_rank(search_vector, websearch_to_tsquery('english', ?1)) DESC, seq DESC
            LIMIT ?2
            """;
    private static final String READABLE = ChannelAccess.readableSql("channel", "?3", "?4");
    private static final String ANY_CHANNEL = RANKED_MATCHES.formatted(READABLE, "", RANKED_AT_MOST);
    private static final String ONE_CHANNEL = RANKED_MATCHES.formatted(READABLE, "AND channel = ?5", RANKED_AT_MOST);
    /**
     * Plans the search with this call's values, for this transaction only. A prepared statement
     * (cached per connection) gets a generic plan after five runs, and the generic plan of a
     * one-channel search guessed the channel small: it read the whole (channel, seq) index of a
     * channel of 1M messages beside the GIN index, 60-90 ms a search once a workspace had a few
     * dozen channels (issue #22). A plan made for the channel at hand costs a fraction of a millisecond.
     */
    private static final String PLAN_FOR_THESE_VALUES =
            "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)";
    private static final String LOCK_EXTERNAL = "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(?1, 0))";
    private static final String REPLY_COUNTS = """
            SELECT thread_id, count(*) FROM messages
            WHERE thread_id IN (?1) AND deleted_at IS NULL
            GROUP BY thread_id
            """;

    /** The message another system ({@code source}) knows by {@code externalId}, or null. */
    public Uni<Message> findExternal(String source, String externalId) {
        return find("source = ?1 and externalId = ?2", source, externalId).firstResult();
    }

    /**
     * Holds, until the transaction ends, the right to store the message another system knows by
     * {@code externalId}: a second relay of it waits here, then finds it stored.
     */
    public Uni<Void> lockExternal(String source, String externalId) {
        return getSession()
                .chain(session -> session.createNativeQuery(LOCK_EXTERNAL, Integer.class)
                        .setParameter(1, source + ":" + externalId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Matches of a web-search style query in channels the reader may read, best first (newest first
     * among equals), ranked among the newest {@value #RANKED_AT_MOST} matches.
     */
    public Uni<List<Message>> search(ChatUser reader, String query, String channel, int limit) {
        return getSession()
                .chain(session -> session.withTransaction(transaction -> session
                        .createNativeQuery(PLAN_FOR_THESE_VALUES, String.class).getSingleResult()
                        .chain(() -> {
                            var matches = session.createNativeQuery(channel == null ? ANY_CHANNEL : ONE_CHANNEL,
                                            UUID.class)
                                    .setParameter(1, query)
                                    .setParameter(2, limit)
                                    .setParameter(3, reader.username())
                                    .setParameter(4, reader.isAdmin());
                            return (channel == null ? matches : matches.setParameter(5, channel)).getResultList();
                        })))
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(List.<Message>of())
                        : list("id in ?1", ids).map(found -> inOrder(ids, found)));
    }

    /** For each of these messages that starts a thread: how many live replies it has. */
    public Uni<Map<UUID, Long>> replyCounts(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession()
                .chain(session -> session.createNativeQuery(REPLY_COUNTS, Object[].class)
                        .setParameter(1, List.copyOf(messageIds))
                        .getResultList())
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }

    /** The live replies in a thread, oldest first. */
    public Uni<List<Message>> replies(UUID threadId, int limit) {
        return find("threadId = ?1 and deletedAt is null", Sort.ascending("seq"), threadId)
                .page(0, limit)
                .list();
    }

    /** A channel's pinned live messages, most recently pinned first. */
    public Uni<List<Message>> pinnedIn(String channel, int limit) {
        return find("channel = ?1 and pinnedAt is not null and deletedAt is null", Sort.descending("pinnedAt"), channel)
                .page(0, limit)
                .list();
    }

    private static List<Message> inOrder(Collection<UUID> ids, List<Message> found) {
        Map<UUID, Message> byId = new HashMap<>();
        found.forEach(message -> byId.put(message.id, message));
        List<Message> ordered = new ArrayList<>(ids.size());
        ids.forEach(id -> {
            Message message = byId.get(id);
            if (message != null) {
                ordered.add(message);
            }
        });
        return ordered;
    }
}
