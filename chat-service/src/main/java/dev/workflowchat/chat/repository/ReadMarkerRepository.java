package dev.workflowchat.chat.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** How far each user has read each channel; a marker only ever moves forward. */
@ApplicationScoped
public class ReadMarkerRepository {

    private static final String ADVANCE = """
            INSERT INTO read_markers (username, channel, last_read_seq) VALUES (?1, ?2, ?3)
            ON CONFLICT (username, channel)
            DO UPDATE SET last_read_seq = GREATEST(read_markers.last_read_seq, EXCLUDED.last_read_seq)
            """;

    public Uni<Void> advance(String username, String channel, long seq) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ADVANCE)
                        .setParameter(1, username)
                        .setParameter(2, channel)
                        .setParameter(3, seq)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
