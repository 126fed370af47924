package dev.workflowchat.chat.repository;

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

    private static final String RANKED_MATCHES = """
            SELECT id FROM messages
            WHERE search_vector @@ websearch_to_tsquery('english', ?1)
              AND deleted_at IS NULL %s
            ORDER BY ts_rank(search_vector, websearch_to_tsquery('english', ?1)) DESC, seq DESC
            LIMIT ?2
            """;
    private static final String ANY_CHANNEL = RANKED_MATCHES.formatted("");
    private static final String ONE_CHANNEL = RANKED_MATCHES.formatted("AND channel = ?3");

    /** Newest first, {@code limit + 1} rows so the caller can tell whether more exist. */
    public Uni<List<Message>> pageBefore(String channel, long beforeSeq, int limit) {
        return find("channel = ?1 and seq < ?2", Sort.descending("seq"), channel, beforeSeq)
                .page(0, limit + 1)
                .list();
    }

    /** Matches of a web-search style query, best first. */
    public Uni<List<Message>> search(String query, String channel, int limit) {
        return getSession()
                .chain(session -> {
                    var matches = session.createNativeQuery(channel == null ? ANY_CHANNEL : ONE_CHANNEL, UUID.class)
                            .setParameter(1, query)
                            .setParameter(2, limit);
                    return (channel == null ? matches : matches.setParameter(3, channel)).getResultList();
                })
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(List.<Message>of())
                        : list("id in ?1", ids).map(found -> inOrder(ids, found)));
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
