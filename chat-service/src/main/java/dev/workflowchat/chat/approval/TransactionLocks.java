package dev.workflowchat.chat.approval;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * PostgreSQL advisory locks held until the transaction ends: what must happen one at a time across
 * replicas (joining a flow group, rewriting its card) takes one by a name. Call in a transaction.
 */
final class TransactionLocks {

    private TransactionLocks() {
    }

    static Uni<Void> take(String name) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                        .setParameter(1, name).getSingleResult())
                .replaceWithVoid();
    }
}
