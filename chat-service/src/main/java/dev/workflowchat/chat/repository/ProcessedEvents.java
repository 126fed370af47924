package dev.workflowchat.chat.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Envelope ids already applied. Claiming an id inside the transaction that applies the event
 * makes the effect happen once: a concurrent claim of the same id waits on the unique index and
 * then finds it taken, on any replica and either path.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String CLAIM =
            "INSERT INTO processed_events (event_id, type) VALUES (?1, ?2) ON CONFLICT (event_id) DO NOTHING";

    /** True when this transaction is the first to apply the event. */
    public Uni<Boolean> claim(String eventId, String type) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter(1, eventId)
                        .setParameter(2, type)
                        .executeUpdate())
                .map(rows -> rows > 0);
    }
}
