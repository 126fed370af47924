package dev.workflowchat.chat.delivery;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one connection has been sent but not yet taken, in bytes. A burst may take it over the
 * soft limit for a while (a fast reader drains it in moments); a client over it for longer than
 * the grace, or over the hard limit at all, can't keep up and is to be cut off.
 */
final class SendBuffer {

    /** The hard limit, as a multiple of the soft one: what a burst may never exceed. */
    static final int HARD_LIMIT_FACTOR = 16;

    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean cutOff = new AtomicBoolean();
    private volatile long overSince;
    /** What was pushed before the connection's {@code ready} went (counted here already). */
    final HeldUntilReady untilReady = new HeldUntilReady();

    /** What {@link #reserve} decided. */
    enum Reservation {
        /** Counted. */
        TAKEN,
        /** Counted, and it took the buffer over the soft limit just now: look again when the grace ends. */
        TAKEN_NOW_OVER,
        /** Not counted: the client must be cut off. */
        REFUSED
    }

    /** Counts a frame about to be sent, unless the client must be cut off. */
    Reservation reserve(long size, long softLimit, long graceNanos, long now) {
        long total = pending.addAndGet(size);
        boolean cutOff = total > softLimit * HARD_LIMIT_FACTOR;
        boolean nowOver = false;
        if (!cutOff && total > softLimit) {
            long since = overSince;
            if (since == 0) {
                overSince = now;
                nowOver = true;
            } else {
                cutOff = now - since > graceNanos;
            }
        }
        if (cutOff) {
            pending.addAndGet(-size);
            return Reservation.REFUSED;
        }
        return nowOver ? Reservation.TAKEN_NOW_OVER : Reservation.TAKEN;
    }

    /** Whether the buffer has stayed over the soft limit for longer than the grace, without a break. */
    boolean overLongerThan(long graceNanos, long now) {
        long since = overSince;
        return since != 0 && now - since > graceNanos;
    }

    long pending() {
        return pending.get();
    }

    /** Marks the client as being closed for not reading; true only the first time. */
    boolean markCutOff() {
        return cutOff.compareAndSet(false, true);
    }

    boolean isCutOff() {
        return cutOff.get();
    }

    /** A frame was written (or failed): it no longer counts. */
    void release(long size, long softLimit) {
        if (pending.addAndGet(-size) <= softLimit) {
            overSince = 0;
        }
    }
}
