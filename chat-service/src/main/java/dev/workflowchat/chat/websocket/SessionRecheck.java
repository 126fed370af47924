package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.delivery.ClientSession;
import dev.workflowchat.chat.delivery.ConnectionFanout;
import dev.workflowchat.chat.security.SessionStore;
import dev.workflowchat.protocol.frame.ClientFrame;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A socket is authenticated once, at the upgrade; this looks its login session up again every
 * {@code wfchat.websocket.session-recheck}, so an expired session, a removed user or a change of
 * roles reaches open sockets too, not only new requests. Deciding (an approval, or a slash command,
 * which may approve) always looks it up first: a downgraded approver may not decide even once more.
 * Logout closes sockets at once on its own; {@link #closeEnded()} catches the sockets that send nothing.
 */
@ApplicationScoped
public class SessionRecheck {

    private static final int CLOSE_POLICY_VIOLATION = 1008;

    private final SessionStore sessions;
    private final OpenConnections connections;
    private final long everyNanos;

    public SessionRecheck(SessionStore sessions, OpenConnections connections, ChatConfig config) {
        this.sessions = sessions;
        this.connections = connections;
        this.everyNanos = config.websocket().sessionRecheck().toNanos();
    }

    /**
     * Closes (1008, as logout does) every socket on this replica whose session has ended, in one
     * query for all of them; returns how many were closed.
     */
    public Uni<Integer> closeEnded() {
        List<WebSocketConnection> open = connections.findByEndpointId(ConnectionFanout.ENDPOINT_ID).stream()
                .filter(connection -> connection.userData().get(ClientSession.KEY) != null)
                .toList();
        if (open.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Set<String> hashes = open.stream().map(SessionRecheck::tokenHashOf).collect(Collectors.toSet());
        return sessions.liveAmong(hashes).chain(live -> {
            List<Uni<Void>> closing = open.stream()
                    .filter(connection -> !live.contains(tokenHashOf(connection)))
                    .map(connection -> connection.close(new CloseReason(CLOSE_POLICY_VIOLATION, "session ended"))
                            .onFailure().recoverWithNull())
                    .toList();
            if (closing.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Uni.join().all(closing).andCollectFailures().replaceWith(closing.size());
        });
    }

    private static String tokenHashOf(WebSocketConnection connection) {
        return connection.userData().get(ClientSession.KEY).tokenHash();
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
        return frame instanceof ClientFrame.RespondToApproval || frame instanceof ClientFrame.RespondToApprovals
                || frame instanceof ClientFrame.SendMessage send && send.content() != null && send.content().startsWith("/");
    }
}
