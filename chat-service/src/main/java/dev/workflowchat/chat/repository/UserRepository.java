package dev.workflowchat.chat.repository;

import dev.workflowchat.chat.User;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class UserRepository implements PanacheRepositoryBase<User, String> {

    /*
     * The rows are locked until the transaction ends: two admins taking away each other's admin
     * role at once must not both see the other one still there.
     */
    private static final String OTHER_ACTIVE_ADMINS = """
            SELECT count(*) FROM (SELECT username FROM users
                WHERE 'admin' = ANY(roles) AND disabled_at IS NULL AND username <> ?1 FOR UPDATE) admins
            """;

    /** How many enabled admins there are besides {@code username}, locking them. Call within a transaction. */
    public Uni<Long> otherActiveAdmins(String username) {
        return getSession()
                .chain(session -> session.createNativeQuery(OTHER_ACTIVE_ADMINS, Long.class)
                        .setParameter(1, username)
                        .getSingleResult());
    }
}
