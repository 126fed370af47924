package dev.workflowchat.chat.delivery;

import dev.workflowchat.protocol.frame.ServerFrame.ChannelUnread;
import io.quarkus.websockets.next.UserData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one connection looks at ({@code focus}) and what it was not sent meanwhile. A connection
 * that never sent {@code focus} has none of this and is sent everything, as protocol version 1
 * promised. The focus is written by the connection's frame handler and read by the fan-out, so it
 * is a volatile immutable set; the tally is touched only on the fan-out loop the connection is
 * pinned to ({@link ConnectionFanout}), so it needs no lock.
 */
final class ConnectionInterest {

    static final UserData.TypedKey<ConnectionInterest> KEY = new UserData.TypedKey<>("wfchat.interest");

    private volatile Set<String> focus;
    private final Map<String, Tally> pending = new LinkedHashMap<>();
    private long lastSentNanos;
    private boolean flushDue;

    ConnectionInterest(List<String> focus) {
        this.focus = Set.copyOf(focus);
    }

    void focus(List<String> channels) {
        this.focus = Set.copyOf(channels);
    }

    boolean looksAt(String channel) {
        return focus.contains(channel);
    }

    /**
     * Counts a change in a channel the connection does not look at: a message it was not sent
     * ({@code newMessage}), or one mentioning the person that it was sent at once. True when no {@code unread} frame is due yet: the
     * caller then arranges one ({@link #delayNanos}).
     */
    boolean tally(String channel, long seq, boolean newMessage, boolean mentioned) {
        Tally tally = pending.computeIfAbsent(channel, ignored -> new Tally());
        tally.count += newMessage ? 1 : 0;
        tally.mentioned |= mentioned;
        tally.latestSeq = Math.max(tally.latestSeq, seq);
        if (flushDue) {
            return false;
        }
        flushDue = true;
        return true;
    }

    /** How long the next {@code unread} frame must wait so that one goes at most every {@code minGap}. */
    long delayNanos(long nowNanos, long minGapNanos) {
        return lastSentNanos == 0 ? 0 : Math.max(0, lastSentNanos + minGapNanos - nowNanos);
    }

    /** What the {@code unread} frame says, the channels now looked at left out (the client fetches those). */
    Map<String, ChannelUnread> drain(long nowNanos) {
        Map<String, ChannelUnread> unread = new LinkedHashMap<>();
        pending.forEach((channel, tally) -> {
            if (!looksAt(channel)) {
                unread.put(channel, new ChannelUnread(tally.count, tally.latestSeq, tally.mentioned));
            }
        });
        pending.clear();
        flushDue = false;
        if (!unread.isEmpty()) {
            lastSentNanos = nowNanos;
        }
        return unread;
    }

    private static final class Tally {
        int count;
        long latestSeq;
        boolean mentioned;
    }
}
