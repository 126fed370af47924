package dev.workflowchat.chat.hook;

import dev.workflowchat.chat.Hook;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Hooks, found by their secret's hash, and the GitHub deliveries each has applied. */
@ApplicationScoped
@WithSession
public class HookRepository implements PanacheRepositoryBase<Hook, UUID> {

    private static final String CLAIM = """
            INSERT INTO hook_deliveries (hook_id, delivery_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING
            """;
    private static final String SEEN = "SELECT count(*) FROM hook_deliveries WHERE hook_id = ?1 AND delivery_id = ?2";
    private static final String PRUNE = "DELETE FROM hook_deliveries WHERE received_at < ?1";

    /** The active hook whose secret has this hash; null when none (unknown or revoked). */
    public Uni<Hook> findActive(String secretHash) {
        return find("secretHash = ?1 and revokedAt is null", secretHash).firstResult();
    }

    public Uni<List<Hook>> listActive() {
        return list("revokedAt is null order by createdAt");
    }

    public Uni<Boolean> seen(UUID hookId, String deliveryId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SEEN, Long.class)
                        .setParameter(1, hookId)
                        .setParameter(2, deliveryId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /**
     * True when this transaction is the first to apply the delivery: a concurrent claim of the
     * same id waits on the primary key and then finds it taken.
     */
    public Uni<Boolean> claim(UUID hookId, String deliveryId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter(1, hookId)
                        .setParameter(2, deliveryId)
                        .executeUpdate())
                .map(rows -> rows > 0);
    }

    public Uni<Integer> pruneDeliveriesBefore(Instant cutoff) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(PRUNE).setParameter(1, cutoff).executeUpdate());
    }
}
