package dev.workflowchat.chat.delivery;

import dev.workflowchat.chat.ChannelAccess;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.frame.ServerFrame.ChannelUnread;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections one event loop pushes to, and delivery by interest (protocol: {@code focus},
 * {@code unread}) for them. Everything here runs on that loop, so nothing is locked.
 *
 * <p>A change goes in full to the connections that look at its channel, to those that never said
 * what they look at (version-1 clients), and to the people it mentions; so a change costs the
 * connections that get it, not every connection. The others learn of it from the channel's
 * {@link ChannelTally}, counted once per change: at most once a second, each watcher is sent one
 * {@code unread} frame of what changed since it was last told ({@link UnreadWatcher}). A DM's
 * changes and frames without a channel go to everyone who may see them, as before.
 */
final class FanoutShard {

    /** At most one {@code unread} frame a second per connection. */
    static final long UNREAD_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Context loop;
    private final Vertx vertx;
    private final Outbox outbox;
    private final Set<WebSocketConnection> all = new HashSet<>();
    private final Set<WebSocketConnection> everything = new HashSet<>();
    private final Map<String, Set<WebSocketConnection>> lookers = new HashMap<>();
    private final Map<String, Set<WebSocketConnection>> byPerson = new HashMap<>();
    private final Map<WebSocketConnection, UnreadWatcher> watchers = new HashMap<>();
    private final Map<String, ChannelTally> tallies = new HashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private long changes;
    private boolean flushArranged;

    FanoutShard(Context loop, Vertx vertx, Outbox outbox) {
        this.loop = loop;
        this.vertx = vertx;
        this.outbox = outbox;
    }

    /** Runs on this shard's loop, after what was handed to it before. */
    void run(Runnable task) {
        loop.runOnContext(ignored -> task.run());
    }

    int openCount() {
        return open.get();
    }

    void opened(WebSocketConnection connection, String username) {
        if (all.add(connection)) {
            open.incrementAndGet();
            everything.add(connection);
            byPerson.computeIfAbsent(username, ignored -> new HashSet<>()).add(connection);
        }
    }

    void closed(WebSocketConnection connection, String username) {
        if (!all.remove(connection)) {
            return;
        }
        open.decrementAndGet();
        everything.remove(connection);
        UnreadWatcher watcher = watchers.remove(connection);
        if (watcher != null) {
            watcher.focus.forEach(channel -> unlook(channel, connection));
        }
        Set<WebSocketConnection> own = byPerson.get(username);
        if (own != null && own.remove(connection) && own.isEmpty()) {
            byPerson.remove(username);
        }
    }

    /** The connection looks at these channels from now on. */
    void focus(WebSocketConnection connection, String username, Set<String> channels) {
        if (!all.contains(connection)) {
            return;
        }
        UnreadWatcher watcher = watchers.get(connection);
        if (watcher == null) {
            watcher = new UnreadWatcher(connection, username, channels);
            UnreadWatcher fresh = watcher;
            tallies.forEach(fresh::caughtUp);
            watcher.lookedAt = changes;
            watchers.put(connection, watcher);
            everything.remove(connection);
        } else {
            for (String channel : watcher.focus) {
                unlook(channel, connection);
                if (!channels.contains(channel)) {
                    // it saw this channel in full until now
                    ChannelTally tally = tallies.get(channel);
                    if (tally != null) {
                        watcher.caughtUp(channel, tally);
                    }
                }
            }
            watcher.focus = channels;
        }
        channels.forEach(channel -> lookers.computeIfAbsent(channel, ignored -> new HashSet<>()).add(connection));
    }

    void deliver(ConnectionFanout.Delivery delivery) {
        String channel = delivery.channel();
        ConnectionFanout.ChannelChange change = delivery.change();
        if (change == null || channel == null || ChannelNames.isDm(channel)) {
            all.forEach(connection -> send(connection, delivery));
            return;
        }
        everything.forEach(connection -> send(connection, delivery));
        lookers.getOrDefault(channel, Set.of()).forEach(connection -> send(connection, delivery));
        for (String person : change.mentions()) {
            for (WebSocketConnection connection : byPerson.getOrDefault(person, Set.of())) {
                UnreadWatcher watcher = watchers.get(connection);
                if (watcher != null && !watcher.looksAt(channel) && send(connection, delivery) && change.seq() > 0) {
                    watcher.mentioned(channel, change.newMessage() && !person.equals(change.authorUser()));
                }
            }
        }
        if (change.seq() > 0) {
            tallies.computeIfAbsent(channel, ignored -> new ChannelTally()).record(change, ++changes);
            if (!watchers.isEmpty() && !flushArranged) {
                flushArranged = true;
                run(this::flush); // after this change's frames: an unread frame never overtakes what it counts
            }
        }
    }

    /** Sends each watcher due one its {@code unread} frame; arranges the next look for those not due yet. */
    private void flush() {
        flushArranged = false;
        long now = System.nanoTime();
        long nextDue = Long.MAX_VALUE;
        for (UnreadWatcher watcher : watchers.values()) {
            if (watcher.lookedAt == changes) {
                continue;
            }
            if (watcher.lastSentNanos != 0 && now - watcher.lastSentNanos < UNREAD_GAP_NANOS) {
                nextDue = Math.min(nextDue, watcher.lastSentNanos + UNREAD_GAP_NANOS);
                continue;
            }
            Map<String, ChannelUnread> unread = unreadOf(watcher);
            watcher.lookedAt = changes;
            if (!unread.isEmpty() && watcher.connection.isOpen()) {
                watcher.lastSentNanos = now;
                outbox.push(watcher.connection, ProtocolJson.mapper().valueToTree(new ServerFrame.Unread(unread)).toString());
            }
        }
        if (nextDue != Long.MAX_VALUE) {
            flushArranged = true;
            vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextDue - now) + 1), ignored -> flush());
        }
    }

    /** What changed, for the watcher, in the channels it may read and does not look at, since it was last told. */
    private Map<String, ChannelUnread> unreadOf(UnreadWatcher watcher) {
        Map<String, ChannelUnread> unread = new LinkedHashMap<>();
        ClientSession session = watcher.connection.userData().get(ClientSession.KEY);
        tallies.forEach((channel, tally) -> {
            if (tally.changedAt <= watcher.lookedAt) {
                return;
            }
            if (watcher.looksAt(channel) || session == null || !ChannelAccess.mayRead(session.user(), channel)) {
                watcher.caughtUp(channel, tally); // the client fetches what it looks at itself
                return;
            }
            UnreadWatcher.Seen known = watcher.seen(channel);
            long count = tally.total - known.total - (tally.ownBy(watcher.username) - known.own) - known.sentInFull;
            unread.put(channel, new ChannelUnread((int) Math.min(Integer.MAX_VALUE, Math.max(0, count)), tally.latestSeq,
                    known.mentioned));
            watcher.caughtUp(channel, tally);
        });
        return unread;
    }

    /** Pushes the frame if the connection may see it; whether it did. */
    private boolean send(WebSocketConnection connection, ConnectionFanout.Delivery delivery) {
        if (delivery.deltaJson() == null && ChannelAccess.readableByAll(delivery.channel())) {
            // the same frame for everyone who may read it, and everyone may: who this is doesn't matter
            // (looking it up in the connection's user data was a tenth of the fan-out's own time)
            outbox.push(connection, delivery.json());
            return true;
        }
        ClientSession session = connection.userData().get(ClientSession.KEY);
        if (session == null || delivery.channel() != null && !ChannelAccess.mayRead(session.user(), delivery.channel())) {
            return false;
        }
        boolean delta = delivery.deltaJson() != null && session.wants(ClientSession.REACTION_DELTAS);
        outbox.push(connection, delta ? delivery.deltaJson() : delivery.json());
        return true;
    }

    private void unlook(String channel, WebSocketConnection connection) {
        Set<WebSocketConnection> looking = lookers.get(channel);
        if (looking != null && looking.remove(connection) && looking.isEmpty()) {
            lookers.remove(channel);
        }
    }
}
