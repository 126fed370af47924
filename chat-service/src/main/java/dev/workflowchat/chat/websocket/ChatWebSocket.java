package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.delivery.ClientSession;
import dev.workflowchat.chat.delivery.ConnectionFanout;
import dev.workflowchat.chat.delivery.Outbox;
import dev.workflowchat.chat.service.DependencyFailures;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ClientFrameParser;
import dev.workflowchat.protocol.frame.InvalidFrameException;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The browser and client socket (protocol section 7). The upgrade is checked by
 * {@link OriginCheck}; every frame is parsed, rate-limited and answered with {@code ack} or
 * {@code error} carrying its {@code ref}. Bad frames never close the connection; a login session
 * found ended ({@link SessionRecheck}) does, after an {@code unauthorized} error. A connection's
 * {@code ready} and frames are handled one after another ({@link InOrder}), not by websockets-next's
 * serial mode, which costs each connection a kilobyte whether its frames ever wait or not.
 */
@WebSocket(path = "/ws", endpointId = ConnectionFanout.ENDPOINT_ID, inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class ChatWebSocket {

    private static final int CLOSE_POLICY_VIOLATION = 1008;
    private static final int CLOSE_TOO_BIG = 1009;
    private static final int CLOSE_INTERNAL_ERROR = 1011;

    private static final UserData.TypedKey<FrameRateLimiter> LIMITER = new UserData.TypedKey<>("wfchat.limiter");
    private static final UserData.TypedKey<FrameRateLimiter> USER_LIMITER = new UserData.TypedKey<>("wfchat.user-limiter");

    private final ClientFrameParser parser;
    private final FrameHandler handler;
    private final ReadyService ready;
    private final SessionRecheck recheck;
    private final Outbox outbox;
    private final UserConnections userConnections;
    private final ConnectionFanout fanout;

    public ChatWebSocket(ClientFrameParser parser, FrameHandler handler, ReadyService ready, SessionRecheck recheck,
                         Outbox outbox, UserConnections userConnections, ConnectionFanout fanout) {
        this.fanout = fanout;
        this.parser = parser;
        this.handler = handler;
        this.ready = ready;
        this.recheck = recheck;
        this.outbox = outbox;
        this.userConnections = userConnections;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        return InOrder.of(connection).then(() -> open(connection));
    }

    @OnTextMessage
    public Uni<Void> onMessage(WebSocketConnection connection, String text) {
        return InOrder.of(connection).then(() -> handle(connection, text));
    }

    private Uni<Void> open(WebSocketConnection connection) {
        ClientSession session = connection.userData().get(ClientSession.KEY);
        outbox.opened(connection);
        FrameRateLimiter userLimiter = userConnections.opened(session.user().username());
        if (userLimiter == null) {
            // upgraded at the same moment as others of the same person, past the limit after all
            userConnections.closed(session.user().username());
            return connection.close(new CloseReason(CLOSE_POLICY_VIOLATION, "too many connections"));
        }
        connection.userData().put(USER_LIMITER, userLimiter);
        connection.userData().put(LIMITER, userConnections.newConnectionLimiter());
        fanout.opened(connection, session.user().username());
        Log.debugf("connection %s opened for %s", connection.id(), session.user().username());
        return ready.readyFor(session.user())
                .map(handler::json)
                .chain(json -> outbox.ready(connection, json));
    }

    private Uni<Void> handle(WebSocketConnection connection, String text) {
        ClientSession session = connection.userData().get(ClientSession.KEY);
        ClientFrame frame;
        try {
            frame = parser.parse(text);
        } catch (InvalidFrameException e) {
            return send(connection, new ServerFrame.Error(e.ref(), e.code(), e.getMessage()));
        }
        long now = System.nanoTime();
        // the socket's own limit, then the person's over all their sockets: more sockets don't send faster
        if (!connection.userData().get(LIMITER).tryAcquire(now) || !connection.userData().get(USER_LIMITER).tryAcquire(now)) {
            return send(connection, new ServerFrame.Error(frame.ref(), ErrorCode.RATE_LIMITED,
                    "too many frames; slow down"));
        }
        return recheck.current(session, frame, System.nanoTime()).chain(current -> {
            if (current.isEmpty()) {
                return sessionEnded(connection, frame.ref());
            }
            connection.userData().put(ClientSession.KEY, current.get());
            return handler.handle(connection, current.get(), frame)
                    .onFailure().recoverWithItem(failure -> errorFrame(frame.ref(), failure))
                    .chain(answer -> send(connection, answer));
        });
    }

    private Uni<Void> sessionEnded(WebSocketConnection connection, String ref) {
        Log.debugf("connection %s: its session has ended; closing it", connection.id());
        return send(connection, new ServerFrame.Error(ref, ErrorCode.UNAUTHORIZED, "your session has ended; log in again"))
                .chain(() -> connection.close(new CloseReason(CLOSE_POLICY_VIOLATION, "session ended")));
    }

    /**
     * A message over the 1 MiB hard limit fails before any handler sees it (in Vert.x when the
     * message is put together, in Netty when one frame is too long): close with 1009 and say so at
     * DEBUG, so a client can't fill the log by sending them.
     */
    @OnError
    public Uni<Void> onError(WebSocketConnection connection, Throwable failure) {
        if (isTooBig(failure)) {
            Log.debugf("connection %s sent a message over the size limit; closing it", connection.id());
            return connection.close(new CloseReason(CLOSE_TOO_BIG, "message too big"));
        }
        Log.warnf(failure, "connection %s failed; closing it", connection.id());
        return connection.close(new CloseReason(CLOSE_INTERNAL_ERROR, "server error"));
    }

    /** After the frames before it are handled, as websockets-next's serial mode would. */
    @OnClose
    public Uni<Void> onClose(WebSocketConnection connection) {
        return InOrder.of(connection).then(() -> {
            closed(connection);
            return Uni.createFrom().voidItem();
        });
    }

    private void closed(WebSocketConnection connection) {
        ClientSession session = connection.userData().get(ClientSession.KEY);
        if (session != null) {
            fanout.closed(connection, session.user().username());
        }
        if (connection.userData().get(USER_LIMITER) != null) {
            userConnections.closed(connection.userData().get(ClientSession.KEY).user().username());
        }
        Log.debugf("connection %s closed", connection.id());
    }

    private static boolean isTooBig(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CorruptedWebSocketFrameException corrupted
                    && corrupted.closeStatus().code() == CLOSE_TOO_BIG) {
                return true;
            }
            // Vert.x putting a message together: "… would cause message buffer … to overflow max message size …"
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof IllegalStateException && (message.contains("max message size") || message.contains("exceed"))) {
                return true;
            }
        }
        return false;
    }

    private Uni<Void> send(WebSocketConnection connection, ServerFrame frame) {
        return outbox.reply(connection, handler.json(frame));
    }

    private static ServerFrame errorFrame(String ref, Throwable failure) {
        if (failure instanceof ProtocolException protocol) {
            return new ServerFrame.Error(ref, protocol.code(), protocol.getMessage());
        }
        if (DependencyFailures.isUnavailable(failure)) {
            Log.warnf("a frame failed because a dependency is unavailable: %s", failure.getMessage());
            return new ServerFrame.Error(ref, ErrorCode.UNAVAILABLE, "the chat is briefly unavailable; try again");
        }
        Log.errorf(failure, "a frame failed unexpectedly");
        return new ServerFrame.Error(ref, ErrorCode.INTERNAL, "something went wrong on the server");
    }
}
