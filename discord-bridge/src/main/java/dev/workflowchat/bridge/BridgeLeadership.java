package dev.workflowchat.bridge;

import dev.workflowchat.bridge.config.BridgeConfig;
import dev.workflowchat.bus.LeaderLease;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Quarkus;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most one bridge relays at a time: a second replica is a hot standby that takes over when the
 * one relaying stops renewing its lease ({@link LeaderLease}, {@code wfchat:leader:{bridge}}).
 * Two bridges relaying would post every web message twice in Discord and every Discord message
 * twice on the web.
 *
 * <p>A bridge that finds another holding the lease it had (it was paused past its lease) stops at
 * once and exits, so its orchestrator starts it again as the standby: stopping a running gateway
 * and relays half-way is riskier than starting afresh. While Redis doesn't answer, a bridge keeps
 * what it is: nobody can take the lease meanwhile, and a bridge cut off from Redis relays nothing.
 */
@ApplicationScoped
public class BridgeLeadership {

    /** Exit status of a bridge that lost the lease to another. */
    static final int LOST_THE_LEASE = 3;

    private final ReactiveRedisDataSource redis;
    private final RedisNames names;
    private final Duration leaseTime;
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile LeaderLease lease;
    private volatile boolean leading;
    /** Told at least once that another bridge holds the lease (and not leading since). */
    private volatile boolean standby;
    private volatile Vertx vertx;
    private volatile long timer = -1;

    public BridgeLeadership(ReactiveRedisDataSource redis, RedisNames names, BridgeConfig config) {
        this.redis = redis;
        this.names = names;
        this.leaseTime = config.bridge().leaderLease();
    }

    /** Asks for the lease now and every third of its time; runs {@code lead} once, on a worker thread, when it is held. */
    void await(Vertx vertx, Runnable lead) {
        this.vertx = vertx;
        lease = new LeaderLease(redis, names.leaderLease("bridge"), names.leaderFence("bridge"), holderName(), leaseTime);
        long every = Math.max(100, leaseTime.toMillis() / 3);
        timer = vertx.setPeriodic(0, every, ignored -> ask(lead));
    }

    private void ask(Runnable lead) {
        if (!asking.compareAndSet(false, true)) {
            return; // the previous question is still out
        }
        lease.tryHold().onTermination().invoke(() -> asking.set(false)).subscribe().with(token -> {
            if (token > 0 && !leading) {
                leading = true;
                standby = false;
                Log.infof("this bridge (%s) relays now, lease token %d", lease.holder(), token);
                Infrastructure.getDefaultWorkerPool().execute(lead);
            } else if (token == 0 && leading) {
                Log.errorf("another bridge holds the lease this one (%s) had: it stops relaying and exits, to start "
                        + "again as the standby", lease.holder());
                leading = false;
                Quarkus.asyncExit(LOST_THE_LEASE);
            } else if (token == 0) {
                if (!standby) {
                    Log.infof("this bridge (%s) is the standby: another relays", lease.holder());
                }
                standby = true;
            }
        }, failure -> Log.debugf("could not ask for the bridge's lease (it stays %s): %s",
                leading ? "the one relaying" : "the standby", failure.getMessage()));
    }

    /** Whether this bridge is the one relaying. */
    public boolean leading() {
        return leading;
    }

    /**
     * Whether this bridge may post to Discord now: it leads, and its lease's time has not run out
     * since it was last renewed. A bridge paused past its lease finds this false the moment it
     * wakes, before its next renewal tells it that another took over.
     */
    public boolean relaying() {
        LeaderLease held = lease;
        return leading && held != null && held.holds();
    }

    /** Waiting, ready to take over: another bridge holds the lease. */
    public boolean standingBy() {
        return standby && !leading;
    }

    /** Gives the lease back, so the standby takes over at once instead of after the lease's time. */
    void stop() {
        if (timer >= 0 && vertx != null) {
            vertx.cancelTimer(timer);
        }
        if (lease != null && leading) {
            leading = false;
            try {
                lease.release().await().atMost(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                Log.debugf("could not give the bridge's lease back (it expires by itself): %s", e.getMessage());
            }
        }
    }

    /** This process among the candidates: the host (the pod's name in Kubernetes) and the process id. */
    private static String holderName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "bridge");
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        return (host + "-" + runtime).replaceAll("\\s", "_");
    }
}
