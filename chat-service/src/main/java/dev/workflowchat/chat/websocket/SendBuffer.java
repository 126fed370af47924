package dev.workflowchat.chat.websocket;

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
    private volatile long overSince;

    /** Counts a frame about to be sent; false (and nothing counted) when the client must be cut off. */
    boolean reserve(long size, long softLimit, long graceNanos, long now) {
        long total = pending.addAndGet(size);
        boolean cutOff = total > softLimit * HARD_LIMIT_FACTOR;
        if (!cutOff && total > softLimit) {
            long since = overSince;
            if (since == 0) {
                overSince = now;
            } else {
                cutOff = now - since > graceNanos;
            }
        }
        if (cutOff) {
            pending.addAndGet(-size);
        }
        return !cutOff;
    }

    /** A frame was written (or failed): it no longer counts. */
    void release(long size, long softLimit) {
        if (pending.addAndGet(-size) <= softLimit) {
            overSince = 0;
        }
    }
}
