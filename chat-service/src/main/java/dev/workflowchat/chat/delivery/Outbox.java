package dev.workflowchat.chat.delivery;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.metrics.ChatMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Everything sent to one connection goes through here and counts against its send buffer
 * ({@link SendBuffer}): pushed frames, and the answers to its own frames (a resume page, a history
 * page). A client over {@code wfchat.websocket.max-pending-bytes} longer than
 * {@code slow-client-grace}, or 16 times over, is not reading and is closed (1008); one that asks
 * for more (resume, history) while twice over is closed at once, so a socket that never reads
 * can't make the server hold more than a couple of buffers for it.
 */
@ApplicationScoped
public class Outbox {

    private static final int CLOSE_POLICY_VIOLATION = 1008;
    /**
     * An answer may take what the client has waiting to twice the buffer, no further: a reader
     * drains in moments; a client that keeps asking without reading is closed by its third page.
     * An answer to a client with nothing waiting always goes, however large (a history page).
     */
    private static final int REPLY_LIMIT_FACTOR = 2;
    private static final UserData.TypedKey<SendBuffer> SEND_BUFFER = new UserData.TypedKey<>("wfchat.send-buffer");

    private final long maxPendingBytes;
    private final long graceNanos;
    private final long graceMillis;
    private final ChatMetrics metrics;
    private volatile Vertx vertx;

    public Outbox(ChatConfig config, ChatMetrics metrics) {
        this.maxPendingBytes = config.websocket().maxPendingBytes();
        this.graceNanos = config.websocket().slowClientGrace().toNanos();
        this.graceMillis = config.websocket().slowClientGrace().toMillis();
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
    }

    /** Gives a new connection its buffer: once, before anything is sent to it from any thread. */
    public void opened(WebSocketConnection connection) {
        connection.userData().put(SEND_BUFFER, new SendBuffer());
    }

    /**
     * A frame pushed to the client (a change, typing, presence): a burst may go over the buffer for
     * the grace. Not asked whether the socket is open (that takes the socket's lock, per frame per
     * connection): the fan-out drops a connection when it closes, and a write in between fails
     * harmlessly.
     */
    void push(WebSocketConnection connection, String frameJson) {
        SendBuffer buffer = connection.userData().get(SEND_BUFFER);
        if (buffer == null || buffer.isCutOff()) {
            return;
        }
        long size = frameJson.length();
        if (reserved(connection, buffer, size) && !buffer.untilReady.hold(frameJson)) {
            write(connection, buffer, frameJson, size);
        }
    }

    /**
     * A new connection's {@code ready}: its first frame, followed by whatever was pushed to it while
     * {@code ready} was being read (held till now, already counted in the buffer).
     */
    public Uni<Void> ready(WebSocketConnection connection, String readyJson) {
        SendBuffer buffer = connection.userData().get(SEND_BUFFER);
        if (buffer == null) {
            return Uni.createFrom().voidItem();
        }
        buffer.untilReady.open(() -> reply(connection, readyJson), held -> {
            if (!buffer.isCutOff() && connection.isOpen()) {
                write(connection, buffer, held, held.length());
            } else {
                buffer.release(held.length(), maxPendingBytes);
            }
        });
        return Uni.createFrom().voidItem();
    }

    /**
     * An answer to the client's own frame, sent in order after what was sent before. Refused (the
     * client closed) when it has not taken what it was sent before: it keeps asking without
     * reading. Not waited for: a handler that waited for a client that never reads would never
     * take the client's next frame, and so never notice that it keeps asking.
     */
    public Uni<Void> reply(WebSocketConnection connection, String frameJson) {
        SendBuffer buffer = connection.userData().get(SEND_BUFFER);
        if (buffer == null || buffer.isCutOff() || !connection.isOpen()) {
            return Uni.createFrom().voidItem();
        }
        long size = frameJson.length();
        long waiting = buffer.pending();
        if (waiting > 0 && waiting + size > REPLY_LIMIT_FACTOR * maxPendingBytes) {
            cutOff(connection, buffer);
        } else if (reserved(connection, buffer, size)) {
            write(connection, buffer, frameJson, size);
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * Counts a frame in the buffer, or cuts the client off when it may take no more. A frame that
     * takes the buffer over the soft limit has it looked at again when the grace ends: a client
     * that stopped reading may send nothing that would notice (its own frames wait behind the
     * answer it is not taking), and a quiet channel may push nothing either.
     */
    private boolean reserved(WebSocketConnection connection, SendBuffer buffer, long size) {
        SendBuffer.Reservation reservation = buffer.reserve(size, maxPendingBytes, graceNanos, System.nanoTime());
        if (reservation == SendBuffer.Reservation.REFUSED) {
            cutOff(connection, buffer);
            return false;
        }
        if (reservation == SendBuffer.Reservation.TAKEN_NOW_OVER && vertx != null) {
            vertx.setTimer(graceMillis + 1, ignored -> {
                if (connection.isOpen() && buffer.overLongerThan(graceNanos, System.nanoTime())) {
                    cutOff(connection, buffer);
                }
            });
        }
        return true;
    }

    /**
     * Sends and, once the socket took it (or failed), releases the frame from the buffer. One
     * subscriber instead of a chain of operators: every Mutiny subscription is wrapped for context
     * propagation, and at a thousand connections this runs a hundred thousand times a second.
     */
    private void write(WebSocketConnection connection, SendBuffer buffer, String frameJson, long size) {
        connection.sendText(frameJson).subscribe().withSubscriber(new Written(connection, buffer, size, maxPendingBytes));
    }

    /** Releases a written frame (or one that failed) from its connection's buffer. */
    private record Written(WebSocketConnection connection, SendBuffer buffer, long size, long softLimit)
            implements UniSubscriber<Void> {

        @Override
        public void onSubscribe(UniSubscription subscription) {
            // nothing to ask for: a Uni emits once
        }

        @Override
        public void onItem(Void ignored) {
            buffer.release(size, softLimit);
        }

        @Override
        public void onFailure(Throwable failure) {
            buffer.release(size, softLimit);
            Log.debugf("could not send to connection %s: %s", connection.id(), failure.getMessage());
        }
    }

    /** Closes a client that isn't reading, once; it may reconnect and resume from its last change. */
    private void cutOff(WebSocketConnection connection, SendBuffer buffer) {
        if (!buffer.markCutOff()) {
            return;
        }
        metrics.slowClientClosed();
        ClientSession session = connection.userData().get(ClientSession.KEY);
        Log.infof("closing connection %s of %s: it is not reading what it is sent", connection.id(),
                session == null ? "?" : session.user().username());
        connection.close(new CloseReason(CLOSE_POLICY_VIOLATION, "not reading fast enough; reconnect and resume"))
                .subscribe().with(ignored -> { },
                        failure -> Log.debugf("closing %s failed: %s", connection.id(), failure.getMessage()));
    }
}
