package dev.workflowchat.chat.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Announcements of committed changes that Redis did not take, kept in the order they were made
 * until it answers again. While any wait, new announcements queue behind them, and the backlog is
 * sent only once every older announcement still being tried has settled, so clients and the
 * bridge get the changes in order once Redis is back. Bounded: past {@code capacity} the oldest
 * is dropped (counted and logged), since a client can always catch up with {@code resume}.
 */
final class AnnouncementBacklog {

    /** One announcement: its place in the order, what it is (for the log), and how to make it, again if need be. */
    private record Pending(long ticket, String what, Supplier<Uni<Void>> announcement) {
    }

    private final int capacity;
    private final PriorityQueue<Pending> waiting = new PriorityQueue<>(Comparator.comparingLong(Pending::ticket));
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long nextTicket;
    private boolean draining;
    private long dropped;
    private long waitedSinceEmpty;

    AnnouncementBacklog(int capacity) {
        this.capacity = capacity;
    }

    /** Announces now, unless others wait; one that fails waits too, in its place. */
    void announce(String what, Supplier<Uni<Void>> announcement) {
        Pending pending;
        synchronized (this) {
            pending = new Pending(nextTicket++, what, announcement);
            if (draining || !waiting.isEmpty()) {
                keep(pending);
                return;
            }
            inFlight.add(pending.ticket());
        }
        announcement.get().subscribe().with(ignored -> settled(pending, false), failure -> {
            synchronized (this) {
                if (waiting.isEmpty()) {
                    Log.warnf("could not announce %s on Redis (%s); changes wait until Redis answers", what,
                            failure.getMessage());
                }
            }
            settled(pending, true);
        });
    }

    private synchronized void settled(Pending pending, boolean failed) {
        inFlight.remove(pending.ticket());
        if (failed) {
            keep(pending);
        }
    }

    /**
     * Tries the waiting announcements in order; stops at the first failure, until the next call.
     * Waits while an older announcement is still being tried: it may yet fail and take its place first.
     */
    void drain() {
        Pending next;
        synchronized (this) {
            if (draining || waiting.isEmpty()) {
                return;
            }
            next = waiting.peek();
            if (!inFlight.isEmpty() && inFlight.first() < next.ticket()) {
                return;
            }
            draining = true;
        }
        next.announcement().get().subscribe().with(ignored -> {
            boolean more;
            synchronized (this) {
                if (waiting.peek() == next) { // unless the backlog overflowed meanwhile and dropped it
                    waiting.poll();
                }
                draining = false;
                more = !waiting.isEmpty();
                if (!more) {
                    Log.infof("Redis answers again: announced the %d changes that waited for it", waitedSinceEmpty);
                    waitedSinceEmpty = 0;
                }
            }
            if (more) {
                drain();
            }
        }, failure -> {
            synchronized (this) {
                draining = false;
            }
        });
    }

    synchronized int size() {
        return waiting.size();
    }

    private void keep(Pending pending) {
        if (waiting.size() >= capacity) {
            Pending oldest = waiting.poll();
            if (dropped++ % 1000 == 0) {
                Log.warnf("the announcement backlog is full (%d): dropped %s (clients catch up with resume); %d dropped so far",
                        capacity, oldest.what(), dropped);
            }
        }
        waiting.add(pending);
        waitedSinceEmpty++;
    }
}
