package dev.workflowchat.bridge;

import dev.workflowchat.bridge.config.BridgeConfig;
import dev.workflowchat.bus.LeaderLease;
import dev.workflowchat.bus.Leadership;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Quarkus;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * At most one bridge relays at a time: a second replica is a hot standby that takes over when the
 * one relaying stops renewing its lease ({@link Leadership}, {@code wfchat:leader:{bridge}}).
 * Two bridges relaying would post every web message twice in Discord and every Discord message
 * twice on the web. A bridge that finds another holding the lease it had exits
 * ({@link #LOST_THE_LEASE}), to start again as the standby.
 */
@ApplicationScoped
public class BridgeLeadership {

    /** Exit status of a bridge that lost the lease to another. */
    static final int LOST_THE_LEASE = 3;
    private static final String ROLE = "bridge";

    private final Leadership leadership;

    public BridgeLeadership(ReactiveRedisDataSource redis, RedisNames names, BridgeConfig config) {
        LeaderLease lease = new LeaderLease(redis, names.leaderLease(ROLE), names.leaderFence(ROLE),
                Leadership.processName(ROLE), config.bridge().leaderLease());
        this.leadership = new Leadership(lease, ROLE, config.bridge().leaderLease());
    }

    /** Asks for the lease now and every third of its time; runs {@code lead} once, on a worker thread, when it is held. */
    void await(Vertx vertx, Runnable lead) {
        leadership.await(vertx, token -> lead.run(), () -> Quarkus.asyncExit(LOST_THE_LEASE));
    }

    /** Whether this bridge is the one relaying. */
    public boolean leading() {
        return leadership.leading();
    }

    /**
     * Whether this bridge may post to Discord now: it leads, and its lease's time has not run out
     * since it was last renewed (a bridge paused past its lease finds this false the moment it wakes).
     */
    public boolean relaying() {
        return leadership.acting();
    }

    /** Waiting, ready to take over: another bridge holds the lease. */
    public boolean standingBy() {
        return leadership.standingBy();
    }

    /** Gives the lease back, so the standby takes over at once instead of after the lease's time. */
    void stop() {
        leadership.stop();
    }
}
