package dev.workflowchat.chat.delivery;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.frame.ServerFrame.ChannelUnread;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Delivery by interest (protocol: {@code focus}, {@code unread}). A connection that said which
 * channels it looks at is sent their changes in full; of the others' it is sent, at most once a
 * second, one {@code unread} frame with what it missed, and at once a message that mentions the
 * person or is in their DM. The rest waits in the database: the client asks for it by
 * {@code resume} (with the channel) or {@code history} when it switches. A busy team's hundred
 * channels then cost each client one small frame a second instead of every channel's traffic.
 */
@ApplicationScoped
public class FocusedDelivery {

    /** At most one {@code unread} frame a second per connection. */
    static final long UNREAD_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Outbox outbox;
    private volatile Vertx vertx;

    public FocusedDelivery(Outbox outbox) {
        this.outbox = outbox;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
    }

    /** The connection looks at these channels from now on (a {@code focus} frame). */
    public static void focus(WebSocketConnection connection, List<String> channels) {
        ConnectionInterest interest = connection.userData().get(ConnectionInterest.KEY);
        if (interest == null) {
            connection.userData().put(ConnectionInterest.KEY, new ConnectionInterest(channels));
        } else {
            interest.focus(channels);
        }
    }

    /**
     * Whether the delivery is held back from this connection (counted for its next {@code unread}
     * frame instead). Runs on the fan-out loop the connection is pinned to.
     */
    boolean heldBack(WebSocketConnection connection, ClientSession session, ConnectionFanout.Delivery delivery) {
        ConnectionFanout.ChannelChange change = delivery.change();
        ConnectionInterest interest = connection.userData().get(ConnectionInterest.KEY);
        if (change == null || interest == null || interest.looksAt(delivery.channel())
                || ChannelNames.isDm(delivery.channel())) {
            return false;
        }
        String username = session.user().username();
        boolean mentioned = change.mentions().contains(username);
        if (change.seq() > 0) {
            boolean newMessage = change.newMessage() && !username.equals(change.authorUser());
            if (interest.tally(delivery.channel(), change.seq(), newMessage && !mentioned, mentioned)) {
                scheduleFlush(connection, interest);
            }
        }
        return !mentioned;
    }

    private void scheduleFlush(WebSocketConnection connection, ConnectionInterest interest) {
        long delayMillis = TimeUnit.NANOSECONDS.toMillis(interest.delayNanos(System.nanoTime(), UNREAD_GAP_NANOS));
        // set from the connection's fan-out loop, the timer fires there too: the tally stays on one thread
        if (delayMillis <= 0 || vertx == null) {
            vertxOrNow(() -> flush(connection, interest));
        } else {
            vertx.setTimer(delayMillis, ignored -> flush(connection, interest));
        }
    }

    /** After the frame being delivered now, so the unread frame never overtakes a change it counts. */
    private void vertxOrNow(Runnable task) {
        if (vertx == null) {
            task.run();
        } else {
            vertx.getOrCreateContext().runOnContext(ignored -> task.run());
        }
    }

    private void flush(WebSocketConnection connection, ConnectionInterest interest) {
        Map<String, ChannelUnread> unread = interest.drain(System.nanoTime());
        if (!unread.isEmpty() && connection.isOpen()) {
            outbox.push(connection, ProtocolJson.mapper().valueToTree(new ServerFrame.Unread(unread)).toString());
        }
    }
}
