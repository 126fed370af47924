package dev.workflowchat.chat.websocket;

import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * One connection's callbacks, one after another in the order they came: its {@code ready} before
 * any answer, and each frame answered (stored, acknowledged) before the next is looked at, so a
 * person's messages keep the order they were sent in (protocol section 7).
 *
 * <p>websockets-next can do this itself ({@code InboundProcessingMode.SERIAL}), but it gives every
 * connection a queue up front: a 257-slot array, 1.1 KiB of the 13 KiB each idle connection cost
 * (docs/performance.md). Frames seldom wait for one another, so this holds a queue only while some
 * do. A waiting step runs on the context it came on, as it would have without waiting.
 */
final class InOrder {

    static final UserData.TypedKey<InOrder> KEY = new UserData.TypedKey<>("wfchat.in-order");

    /** The connection's; made by the first callback (its open), on the connection's event loop like every callback. */
    static InOrder of(WebSocketConnection connection) {
        InOrder inOrder = connection.userData().get(KEY);
        if (inOrder == null) {
            inOrder = new InOrder();
            connection.userData().put(KEY, inOrder);
        }
        return inOrder;
    }

    /** Steps waiting for the one running; null while none wait. Guarded by {@code this}. */
    private ArrayDeque<Runnable> waiting;
    /** Whether a step is running. Guarded by {@code this}. */
    private boolean running;

    /**
     * {@code step}, started once every step asked for before it has finished (whether it
     * succeeded or failed); the answer is the step's own.
     */
    Uni<Void> then(Supplier<Uni<Void>> step) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(done -> {
            Runnable start = () -> Uni.createFrom().deferred(step::get).subscribe().with(
                    ignored -> {
                        done.complete(null);
                        next();
                    },
                    failure -> {
                        done.fail(failure);
                        next();
                    });
            if (startsNow(context == null ? start : () -> context.runOnContext(ignored -> start.run()))) {
                start.run();
            }
        });
    }

    /** True when nothing runs (the step is now running); otherwise {@code later} waits its turn. */
    private synchronized boolean startsNow(Runnable later) {
        if (!running) {
            running = true;
            return true;
        }
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        waiting.add(later);
        return false;
    }

    private void next() {
        Runnable following;
        synchronized (this) {
            following = waiting == null ? null : waiting.poll();
            if (following == null) {
                running = false;
                waiting = null; // a connection that had a burst keeps no queue afterwards
                return;
            }
        }
        following.run();
    }
}
