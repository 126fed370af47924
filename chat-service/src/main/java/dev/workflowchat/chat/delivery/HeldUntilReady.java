package dev.workflowchat.chat.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The frames pushed to a new connection before its {@code ready} has gone. A connection joins the
 * fan-out before its {@code ready} is read (so no change falls between the two), but the protocol
 * promises {@code ready} as the first frame: what is pushed meanwhile (a presence change, typing, a
 * message) waits here and follows {@code ready}, in order. After that, one volatile read a push.
 */
final class HeldUntilReady {

    private volatile boolean waiting = true;
    private List<String> held = new ArrayList<>();

    /** Keeps the frame if {@code ready} has not gone yet; false: send it now. */
    boolean hold(String frameJson) {
        if (!waiting) {
            return false;
        }
        synchronized (this) {
            if (!waiting) {
                return false;
            }
            held.add(frameJson);
            return true;
        }
    }

    /**
     * Sends {@code ready}, then what was held, before any later push: a push that comes meanwhile
     * waits for the lock, and finds the gate open after it.
     */
    synchronized void open(Runnable sendReady, Consumer<String> send) {
        if (!waiting) {
            return;
        }
        sendReady.run();
        held.forEach(send);
        held = List.of();
        waiting = false;
    }
}
