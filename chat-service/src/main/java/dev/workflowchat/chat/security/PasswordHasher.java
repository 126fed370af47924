package dev.workflowchat.chat.security;

import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

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

    /** bcrypt reads only the first 72 bytes: a longer password would count only in part. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PASSWORD_CHARS = 8;

    /** A password as one may be set: 8 characters at least, 72 bytes of UTF-8 at most. */
    public static void requireSettable(String password, String field) {
        if (password == null || password.length() < MIN_PASSWORD_CHARS) {
            throw ProtocolException.badRequest(field + ": at least " + MIN_PASSWORD_CHARS + " characters");
        }
        if (tooLong(password)) {
            throw ProtocolException.badRequest(field + ": at most " + MAX_PASSWORD_BYTES
                    + " bytes (UTF-8); only that many would count");
        }
    }

    /** Longer than any password that can be set: it can never match, and is never hashed. */
    public static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
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
