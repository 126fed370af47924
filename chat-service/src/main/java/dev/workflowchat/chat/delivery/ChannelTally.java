package dev.workflowchat.chat.delivery;

import java.util.HashMap;
import java.util.Map;

/**
 * One channel's conversation as one fan-out shard saw it go by: new top-level messages in all and
 * by each person, and the newest change's number. Counts only grow; a watcher subtracts what it
 * last knew ({@link UnreadWatcher}). Confined to its shard's event loop.
 */
final class ChannelTally {

    long total;
    long latestSeq;
    /** The shard's change counter when this channel last changed. */
    long changedAt;
    private final Map<String, Long> ownByPerson = new HashMap<>();

    void record(ConnectionFanout.ChannelChange change, long counter) {
        latestSeq = Math.max(latestSeq, change.seq());
        changedAt = counter;
        if (change.newMessage()) {
            total++;
            if (change.authorUser() != null) {
                ownByPerson.merge(change.authorUser(), 1L, Long::sum);
            }
        }
    }

    long ownBy(String username) {
        return ownByPerson.getOrDefault(username, 0L);
    }
}
