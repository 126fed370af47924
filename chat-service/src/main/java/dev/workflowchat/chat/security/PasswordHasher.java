package dev.workflowchat.chat.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * bcrypt hashing and checking. bcrypt is slow on purpose, so it runs on a worker thread and
 * the result comes back on the caller's event-loop context.
 */
@ApplicationScoped
public class PasswordHasher {

    /** Checked against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private static final String DECOY_HASH = BcryptUtil.bcryptHash("decoy-password-for-timing");

    private final Vertx vertx;

    public PasswordHasher(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password)));
    }

    /** True when {@code password} matches {@code hash}; a null hash never matches but costs the same. */
    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(
                () -> BcryptUtil.matches(password, hash == null ? DECOY_HASH : hash) && hash != null));
    }
}
