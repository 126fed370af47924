package dev.workflowchat.chat.startup;

import dev.workflowchat.chat.config.ChatConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes sure someone can log in: creates the first admin at start when no admin exists, and
 * sets the admin's password again when the operator asks ({@code WFCHAT_ADMIN_RESET_PASSWORD}).
 * Safe when several replicas start at once: the insert is conditional and only the replica
 * whose insert took effect reports it.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final String CREATE_FIRST_ADMIN = """
            INSERT INTO users (username, display_name, password_hash, roles)
            SELECT ?1, ?1, ?2, '{member,approver,admin}'
            WHERE NOT EXISTS (SELECT 1 FROM users WHERE 'admin' = ANY (roles))
            ON CONFLICT (username) DO NOTHING
            """;
    private static final String RESET_PASSWORD =
            "UPDATE users SET password_hash = ?2 WHERE username = ?1 AND 'admin' = ANY (roles)";
    private static final String END_SESSIONS = "DELETE FROM auth_sessions WHERE username = ?1";

    private final ChatConfig config;

    public AdminBootstrap(ChatConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        String username = config.admin().username();
        boolean generated = config.admin().password().filter(password -> !password.isBlank()).isEmpty();
        String password = generated ? randomPassword() : config.admin().password().get();
        String hash = BcryptUtil.bcryptHash(password);
        Integer created = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> Panache.getSession().chain(session -> session.createNativeQuery(CREATE_FIRST_ADMIN)
                        .setParameter(1, username)
                        .setParameter(2, hash)
                        .executeUpdate())));
        if (config.admin().resetPassword()) {
            resetPassword(username, generated ? null : hash);
        }
        if (created > 0 && generated) {
            // Printed once, on the only start that created the account; it is needed to log in at all.
            Log.infof("Created the first admin '%s' with the generated password: %s (set WFCHAT_ADMIN_PASSWORD to choose one)",
                    username, password);
        } else if (created > 0) {
            Log.infof("Created the first admin '%s' with the password from WFCHAT_ADMIN_PASSWORD", username);
        }
    }

    /** The admin's password set again, and their sessions ended, when the operator asks for it. */
    private void resetPassword(String username, String hash) throws Throwable {
        if (hash == null) {
            Log.warnf("WFCHAT_ADMIN_RESET_PASSWORD is set without WFCHAT_ADMIN_PASSWORD: no password was reset");
            return;
        }
        Integer reset = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> Panache.getSession().chain(session -> session.createNativeQuery(RESET_PASSWORD)
                        .setParameter(1, username)
                        .setParameter(2, hash)
                        .executeUpdate()
                        .call(updated -> updated == 0 ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                                : session.createNativeQuery(END_SESSIONS).setParameter(1, username).executeUpdate()))));
        if (reset > 0) {
            Log.infof("Reset the password of admin '%s' to WFCHAT_ADMIN_PASSWORD and ended their sessions; "
                    + "remove WFCHAT_ADMIN_RESET_PASSWORD now", username);
        } else {
            Log.warnf("WFCHAT_ADMIN_RESET_PASSWORD: there is no admin named '%s'; nothing was reset", username);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
