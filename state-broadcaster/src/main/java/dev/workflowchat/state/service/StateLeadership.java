package dev.workflowchat.state.service;

import dev.workflowchat.bus.LeaderLease;
import dev.workflowchat.bus.Leadership;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.store.LeaderFence;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * At most one state-broadcaster applies the workflow's events: a second replica is a hot standby
 * that takes over when the leader stops renewing its lease ({@link Leadership},
 * {@code wfchat:leader:{state-broadcaster}}, {@code wfchat.leader-lease}). Taking over, it claims the
 * record's fence ({@link LeaderFence}) before anything else, forgets what memory held, and opens
 * its ways in ({@link TookTheLead}); a standby reads the record afresh for each snapshot it serves.
 * A leader that finds another holding its lease drops its token and exits
 * ({@value #LOST_THE_LEASE}), to start again as the standby.
 */
@ApplicationScoped
public class StateLeadership {

    /** Exit status of a state-broadcaster that lost the lease to another. */
    static final int LOST_THE_LEASE = 3;
    private static final String ROLE = "state-broadcaster";
    /** How long a start waits to know its role, so that a lone state-broadcaster is up as the leader. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final Leadership leadership;
    private final LeaderFence fence;
    private final Projects projects;
    private final Event<TookTheLead> tookTheLead;
    private final String holder = Leadership.processName(ROLE);
    private final CompletableFuture<Void> tookOver = new CompletableFuture<>();

    public StateLeadership(ReactiveRedisDataSource redis, RedisNames names, StateConfig config, LeaderFence fence,
                           Projects projects, Event<TookTheLead> tookTheLead) {
        LeaderLease lease = new LeaderLease(redis, names.leaderLease(ROLE), names.leaderFence(ROLE), holder,
                config.leaderLease());
        this.leadership = new Leadership(lease, ROLE, config.leaderLease());
        this.fence = fence;
        this.projects = projects;
        this.tookTheLead = tookTheLead;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        leadership.await(vertx, this::takeOver, this::lose);
        try {
            if (leadership.firstAnswer().toCompletableFuture().get(SETTLE.toMillis(), TimeUnit.MILLISECONDS)) {
                tookOver.get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            Log.infof("the state-broadcaster's role is not settled after %d s; it goes on asking", SETTLE.toSeconds());
        } catch (ExecutionException e) {
            Log.warnf("taking the lead failed: %s", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        leadership.stop();
    }

    private void takeOver(long leaseToken) {
        try {
            long token = fence.claim(holder, leadership::acting)
                    .onFailure().invoke(failure -> Log.warnf("claiming the record's fence failed (%s); retrying",
                            failure.getMessage()))
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(1_000)
                    .await().indefinitely();
            projects.forgetAll(); // what a standby held may be behind the record
            Log.infof("this state-broadcaster applies the workflow's events now (fence token %d)", token);
            tookTheLead.fire(new TookTheLead(token));
            tookOver.complete(null);
        } catch (RuntimeException e) {
            tookOver.completeExceptionally(e);
            throw e;
        }
    }

    private void lose() {
        fence.drop();
        Quarkus.asyncExit(LOST_THE_LEASE);
    }

    /** Whether this state-broadcaster applies events now (it leads, its lease holds, its fence is claimed). */
    public boolean acting() {
        return fence.acting();
    }

    /**
     * Whether it may apply events now, renewing its lease first if it lapsed while this process
     * still leads (Redis was away longer than the lease; {@link Leadership#actNow()}).
     */
    public Uni<Boolean> actNow() {
        return fence.token() == 0 ? Uni.createFrom().item(false) : leadership.actNow().map(renewed -> fence.acting());
    }

    /** Whether it leads (its ways in are open), for the schedules that only the leader runs. */
    public boolean leading() {
        return leadership.leading() && fence.token() != 0;
    }

    /** Waiting, ready to take over: another holds the lease. */
    public boolean standingBy() {
        return leadership.standingBy();
    }
}
