package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.security.SessionStore;
import dev.workflowchat.protocol.frame.ClientFrame;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A socket is authenticated once, at the upgrade; this looks its login session up again every
 * {@code wfchat.websocket.session-recheck}, so an expired session, a removed user or a change of
 * roles reaches open sockets too, not only new requests. Deciding (an approval, or a slash command,
 * which may approve) always looks it up first: a downgraded approver may not decide even once more.
 * Logout closes sockets at once on its own.
 */
@ApplicationScoped
public class SessionRecheck {

    private final SessionStore sessions;
    private final long everyNanos;

    public SessionRecheck(SessionStore sessions, ChatConfig config) {
        this.sessions = sessions;
        this.everyNanos = config.websocket().sessionRecheck().toNanos();
    }

    /** The connection's session as it stands now: unchanged, with the user's current roles, or empty when it has ended. */
    Uni<Optional<ClientSession>> current(ClientSession session, ClientFrame frame, long nowNanos) {
        if (!decides(frame) && nowNanos - session.checkedAt() < everyNanos) {
            return Uni.createFrom().item(Optional.of(session));
        }
        return sessions.userOfHash(session.tokenHash())
                .map(user -> user.map(current -> session.rechecked(current, nowNanos)))
                // the database being briefly away is no reason to drop a signed-in person; the frame's own work will say so
                .onFailure().invoke(failure -> Log.debugf("could not recheck a session: %s", failure.getMessage()))
                .onFailure().recoverWithItem(Optional.of(session));
    }

    private static boolean decides(ClientFrame frame) {
        return frame instanceof ClientFrame.RespondToApproval
                || frame instanceof ClientFrame.SendMessage send && send.content() != null && send.content().startsWith("/");
    }
}
