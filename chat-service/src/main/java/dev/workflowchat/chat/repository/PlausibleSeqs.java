package dev.workflowchat.chat.repository;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a change number announced on {@code wfchat:out} can be real: at most the last number
 * the database has handed out. A client moves its catch-up cursor to every change it is pushed,
 * so one forged frame with a far-off {@code seq} would make every later real change look old and
 * be dropped. A number above the highest known is looked up (one small query); one the database
 * never handed out is not pushed. While the database is away, a number within
 * {@value #OUTAGE_SLACK} of the highest known passes, so delivery goes on.
 */
@ApplicationScoped
public class PlausibleSeqs {

    private static final String LAST_HANDED_OUT = "SELECT last_value FROM change_seq";
    static final long OUTAGE_SLACK = 100_000;

    private final Pool pool;
    private final AtomicLong highestKnown = new AtomicLong();

    public PlausibleSeqs(Pool pool) {
        this.pool = pool;
    }

    /** A number this replica handed out itself (it committed the change): known real. */
    public void committed(long seq) {
        highestKnown.accumulateAndGet(seq, Math::max);
    }

    public Uni<Boolean> plausible(long seq) {
        if (seq <= highestKnown.get()) {
            return Uni.createFrom().item(seq > 0);
        }
        return pool.query(LAST_HANDED_OUT).execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke(this::committed)
                .map(last -> seq <= last)
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("could not read the change sequence (%s); judging seq %d by the last known", failure.getMessage(), seq);
                    return seq <= highestKnown.get() + OUTAGE_SLACK;
                });
    }
}
