package dev.workflowchat.chat.delivery;

import io.quarkus.websockets.next.WebSocketConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A connection that said which channels it looks at ({@code focus}), and what it was last told of
 * each channel it does not look at: the channel's counts at that moment, to subtract from the
 * counts now. Confined to its shard's event loop ({@link FanoutShard}).
 */
final class UnreadWatcher {

    final WebSocketConnection connection;
    final String username;
    Set<String> focus;
    /** When its last {@code unread} frame went (0: never): one a second at most. */
    long lastSentNanos;
    /** The shard's change counter at its last look: nothing changed since while they are equal. */
    long lookedAt;
    private final Map<String, Seen> seen = new HashMap<>();

    UnreadWatcher(WebSocketConnection connection, String username, Set<String> focus) {
        this.connection = connection;
        this.username = username;
        this.focus = focus;
    }

    boolean looksAt(String channel) {
        return focus.contains(channel);
    }

    /** What it knew of the channel; a channel it has no record of started after it did (all zero). */
    Seen seen(String channel) {
        return seen.computeIfAbsent(channel, ignored -> new Seen());
    }

    /** It now knows the channel as the tally says (it was told, or it looked at the channel). */
    void caughtUp(String channel, ChannelTally tally) {
        Seen known = seen(channel);
        known.total = tally.total;
        known.own = tally.ownBy(username);
        known.seq = tally.latestSeq;
        known.sentInFull = 0;
        known.mentioned = false;
    }

    /** A message in a channel it does not look at mentioned the person: it was sent in full, and is flagged. */
    void mentioned(String channel, boolean countedAsNew) {
        Seen known = seen(channel);
        known.mentioned = true;
        known.sentInFull += countedAsNew ? 1 : 0;
    }

    /** A channel as the watcher last knew it. */
    static final class Seen {
        long total;
        long own;
        long seq;
        /** New messages sent to it in full since (mentions): not unread news. */
        long sentInFull;
        boolean mentioned;
    }
}
