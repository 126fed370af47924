package dev.workflowchat.chat.announce;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Announcements of committed changes that Redis did not take, kept in the order they were made
 * until it answers again. While any wait, new announcements queue behind them, and the backlog is
 * sent only once every older announcement still being tried has settled, so clients and the
 * bridge get the changes in order once Redis is back. Bounded: past {@code capacity} the oldest
 * is dropped (counted and logged), since a client can always catch up with {@code resume}. When
 * the replica stops, {@link #close} hands over what still waits, to be kept for another replica.
 */
final class AnnouncementBacklog {

    /** One announcement and its place in the order. */
    private record Pending(long ticket, Announcement announcement) {
    }

    private final int capacity;
    private final Function<Announcement, Uni<Void>> make;
    private final PriorityQueue<Pending> waiting = new PriorityQueue<>(Comparator.comparingLong(Pending::ticket));
    private final TreeMap<Long, Pending> inFlight = new TreeMap<>();
    private long nextTicket;
    private boolean draining;
    private long dropped;
    private long waitedSinceEmpty;

    /** {@code make} sends one announcement to Redis, again if need be. */
    AnnouncementBacklog(int capacity, Function<Announcement, Uni<Void>> make) {
        this.capacity = capacity;
        this.make = make;
    }

    /** Announces now, unless others wait; one that fails waits too, in its place. */
    void announce(Announcement announcement) {
        Pending pending;
        synchronized (this) {
            pending = new Pending(nextTicket++, announcement);
            if (draining || !waiting.isEmpty()) {
                keep(pending);
                return;
            }
            inFlight.put(pending.ticket(), pending);
        }
        make.apply(announcement).subscribe().with(ignored -> settled(pending, false), failure -> {
            synchronized (this) {
                if (waiting.isEmpty()) {
                    Log.warnf("could not announce %s on Redis (%s); changes wait until Redis answers", announcement.what(),
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
        notifyAll();
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
            if (!inFlight.isEmpty() && inFlight.firstKey() < next.ticket()) {
                return;
            }
            draining = true;
        }
        make.apply(next.announcement()).subscribe().with(ignored -> {
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

    /**
     * For a replica that stops: waits up to {@code settle} for the announcements being tried to be
     * answered, then gives everything not yet announced, in order, and forgets it. One still
     * unanswered is given too: Redis may yet have taken it, so it may be announced twice, which
     * beats never. Called once, when nothing new is announced any more.
     */
    synchronized List<Announcement> close(Duration settle) throws InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        for (long left = settle.toNanos(); !inFlight.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
        List<Pending> unsent = new ArrayList<>(waiting);
        unsent.addAll(inFlight.values());
        unsent.sort(Comparator.comparingLong(Pending::ticket));
        waiting.clear();
        inFlight.clear();
        return unsent.stream().map(Pending::announcement).toList();
    }

    private void keep(Pending pending) {
        if (waiting.size() >= capacity) {
            Pending oldest = waiting.poll();
            if (dropped++ % 1000 == 0) {
                Log.warnf("the announcement backlog is full (%d): dropped %s (clients catch up with resume); %d dropped so far",
                        capacity, oldest.announcement().what(), dropped);
            }
        }
        waiting.add(pending);
        waitedSinceEmpty++;
    }
}
