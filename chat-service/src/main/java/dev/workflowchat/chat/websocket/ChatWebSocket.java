package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.service.DependencyFailures;
import dev.workflowchat.chat.service.ReadyService;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ClientFrameParser;
import dev.workflowchat.protocol.frame.InvalidFrameException;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The browser and client socket (protocol section 7). The upgrade is checked by
 * {@link OriginCheck}; every frame is parsed, rate-limited and answered with {@code ack} or
 * {@code error} carrying its {@code ref}. Bad frames never close the connection; a login session
 * found ended ({@link SessionRecheck}) does, after an {@code unauthorized} error.
 */
@WebSocket(path = "/ws", endpointId = ChatWebSocket.ENDPOINT_ID)
public class ChatWebSocket {

    public static final String ENDPOINT_ID = "chat";
    private static final int CLOSE_POLICY_VIOLATION = 1008;
    private static final int CLOSE_TOO_BIG = 1009;
    private static final int CLOSE_INTERNAL_ERROR = 1011;

    private final ClientFrameParser parser;
    private final FrameHandler handler;
    private final ReadyService ready;
    private final SessionRecheck recheck;

    public ChatWebSocket(ClientFrameParser parser, FrameHandler handler, ReadyService ready, SessionRecheck recheck) {
        this.parser = parser;
        this.handler = handler;
        this.ready = ready;
        this.recheck = recheck;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        ClientSession session = connection.userData().get(ClientSession.KEY);
        Log.debugf("connection %s opened for %s", connection.id(), session.user().username());
        return ready.readyFor(session.user())
                .map(handler::json)
                .chain(connection::sendText);
    }

    @OnTextMessage
    public Uni<Void> onMessage(WebSocketConnection connection, String text) {
        ClientSession session = connection.userData().get(ClientSession.KEY);
        ClientFrame frame;
        try {
            frame = parser.parse(text);
        } catch (InvalidFrameException e) {
            return send(connection, new ServerFrame.Error(e.ref(), e.code(), e.getMessage()));
        }
        if (!session.limiter().tryAcquire(System.nanoTime())) {
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
     * A message over the 1 MiB hard limit fails in Vert.x before any handler sees it: close with
     * 1009 and say so at DEBUG, so a client can't fill the log by sending them.
     */
    @OnError
    public Uni<Void> onError(WebSocketConnection connection, Throwable failure) {
        if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("exceed")) {
            Log.debugf("connection %s sent a message over the size limit; closing it", connection.id());
            return connection.close(new CloseReason(CLOSE_TOO_BIG, "message too big"));
        }
        Log.warnf(failure, "connection %s failed; closing it", connection.id());
        return connection.close(new CloseReason(CLOSE_INTERNAL_ERROR, "server error"));
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        Log.debugf("connection %s closed", connection.id());
    }

    private Uni<Void> send(WebSocketConnection connection, ServerFrame frame) {
        return connection.sendText(handler.json(frame));
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
