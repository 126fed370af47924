package dev.workflowchat.state.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BooleanSupplier;

/**
 * The fencing token the record's writes carry ({@code workflow.leader_fence}): the state-broadcaster
 * that takes the lead claims the next token before it applies anything, and each write checks, in
 * its own transaction, that the stored token is still the one this process claimed. Each write locks
 * the row shared, so a write is either before the new leader's claim or refused after it; the claim
 * ends the sessions of writes still open (a leader paused mid-transaction) rather than wait for them.
 */
@ApplicationScoped
public class LeaderFence {

    static final String ROLE = "state-broadcaster";
    private static final String CLAIM = """
            INSERT INTO workflow.leader_fence (role, token, holder) VALUES ($1, 1, $2)
            ON CONFLICT (role) DO UPDATE SET token = leader_fence.token + 1, holder = $2, claimed_at = now()
            RETURNING token""";
    private static final String CURRENT = "SELECT token FROM workflow.leader_fence WHERE role = $1 FOR SHARE";
    /**
     * Ends the sessions whose transactions hold the fence: writes of a leader that lost its lease,
     * which would otherwise hold the claim up for as long as that leader stands still (a paused
     * process keeps its transaction open). Their writes roll back; they were fenced out anyway.
     */
    private static final String END_FENCED_WRITES = "SELECT count(pg_terminate_backend(pid)) AS ended FROM pg_locks"
            + " WHERE relation = 'workflow.leader_fence'::regclass AND pid <> pg_backend_pid()";
    /** A claim waits this long for a write begun meanwhile; it is then tried again, ending that one too. */
    private static final String CLAIM_WAITS = "SET LOCAL lock_timeout = '3s'";

    private final Pool pool;
    private volatile long token;
    private volatile BooleanSupplier acting = () -> false;

    public LeaderFence(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims the next token for {@code holder}: from now on only this process's writes pass, while
     * {@code acting} says it still holds the lease.
     */
    public Uni<Long> claim(String holder, BooleanSupplier acting) {
        return pool.query(END_FENCED_WRITES).execute()
                .chain(ended -> pool.withTransaction(connection -> connection.query(CLAIM_WAITS).execute()
                        .chain(() -> connection.preparedQuery(CLAIM).execute(Tuple.of(ROLE, holder)))))
                .map(rows -> rows.iterator().next().getLong("token"))
                .invoke(claimed -> {
                    this.acting = acting;
                    this.token = claimed;
                });
    }

    /** Another took the lead: nothing more is written from here. */
    public void drop() {
        token = 0;
        acting = () -> false;
    }

    /** The token this process writes with; 0 before it claimed one, or after it lost it. */
    public long token() {
        return token;
    }

    /** Whether this process may apply events now: it claimed the fence and its lease still holds. */
    public boolean acting() {
        return token != 0 && acting.getAsBoolean();
    }

    /** Fails, so the transaction rolls back, unless the stored token is still this process's. */
    Uni<Void> check(SqlConnection connection) {
        long mine = token;
        if (!acting()) {
            return Uni.createFrom().failure(new FencedOutException("this state-broadcaster is not the leader"));
        }
        return connection.preparedQuery(CURRENT).execute(Tuple.of(ROLE)).chain(rows -> {
            Long stored = rows.size() == 0 ? null : rows.iterator().next().getLong("token");
            return stored != null && stored == mine ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new FencedOutException("another state-broadcaster took the lead (token "
                            + stored + ", this one's " + mine + ")"));
        });
    }

    /** A write refused because this process no longer leads; the event stays to be applied by the one that does. */
    public static final class FencedOutException extends RuntimeException {
        public FencedOutException(String message) {
            super(message, null, false, false);
        }
    }
}
