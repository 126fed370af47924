package dev.workflowchat.bus;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * A singleton role (the state-broadcaster that applies the workflow's events, the bridge that
 * relays to Discord) held by one process at a time, the others its hot standbys: each asks for the
 * role's {@link LeaderLease} at start and every third of its time; the one that gets it leads, the
 * others take over when it stops renewing.
 *
 * <p>A process that finds another holding the lease it had (it was paused, or cut off, past its
 * lease) is told {@code lost}: the services stop and exit then, so their orchestrator starts them
 * again as the standby; stopping running consumers half-way is riskier than starting afresh.
 * While Redis doesn't answer, a process keeps what it is: nobody can take the lease meanwhile,
 * but a leader whose lease ran out is no longer {@link #acting()}.
 */
public final class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final String role;
    private final LeaderLease lease;
    private final Duration leaseTime;
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile boolean leading;
    /** Told at least once that another holds the lease (and not leading since). */
    private volatile boolean standby;
    private final CompletableFuture<Boolean> firstAnswer = new CompletableFuture<>();
    private volatile Vertx vertx;
    private volatile long timer = -1;
    private volatile LongConsumer lead = token -> { };
    private volatile Runnable lost = () -> { };

    /** {@code role}: a short name without spaces (the lease is {@code leaderLease(role)}). */
    public Leadership(LeaderLease lease, String role, Duration leaseTime) {
        this.lease = lease;
        this.role = role;
        this.leaseTime = leaseTime;
    }

    /**
     * Asks for the lease now and every third of its time. {@code lead} runs once, on a worker
     * thread, with the lease's fencing token when it is first held; {@code lost} when another took
     * it from this leader.
     */
    public void await(Vertx vertx, LongConsumer lead, Runnable lost) {
        this.vertx = vertx;
        this.lead = lead;
        this.lost = lost;
        long every = Math.max(100, leaseTime.toMillis() / 3);
        timer = vertx.setPeriodic(0, every, ignored -> ask());
    }

    private void ask() {
        if (!asking.compareAndSet(false, true)) {
            return; // the previous question is still out
        }
        lease.tryHold().onTermination().invoke(() -> asking.set(false)).subscribe().with(this::answered,
                failure -> LOG.debugf("could not ask for the %s's lease (it stays %s): %s", role,
                        leading ? "the leader" : "the standby", failure.getMessage()));
    }

    /**
     * Whether this process may act as the leader, asking Redis first when its lease ran out
     * without another taking it: a leader cut off from Redis for longer than its lease (a failover)
     * is not {@link #acting()} until its next renewal, up to a third of the lease later, and what it
     * is asked to do meanwhile would be refused though it still leads. Renewing at once closes that
     * gap; the answer is false when the lease can't be renewed (Redis still away) or another holds
     * it now (then {@code lost} runs, as on a renewal).
     */
    public Uni<Boolean> actNow() {
        if (acting() || !leading) {
            return Uni.createFrom().item(acting());
        }
        return lease.tryHold().invoke(this::answered).map(token -> acting())
                .onFailure().recoverWithItem(false);
    }

    /** What an answer about the lease means; synchronized, as a renewal and an {@link #actNow()} may answer at once. */
    private synchronized void answered(long token) {
        if (token > 0 && !leading) {
            leading = true;
            standby = false;
            LOG.infof("this %s (%s) leads now, lease token %d", role, lease.holder(), token);
            Infrastructure.getDefaultWorkerPool().execute(() -> lead.accept(token));
            firstAnswer.complete(true);
        } else if (token == 0 && leading) {
            LOG.errorf("another %s holds the lease this one (%s) had: it stops and exits, to start again as the "
                    + "standby", role, lease.holder());
            leading = false;
            lost.run();
        } else if (token == 0) {
            if (!standby) {
                LOG.infof("this %s (%s) is the standby: another leads", role, lease.holder());
            }
            standby = true;
            firstAnswer.complete(false);
        }
    }

    /** Redis's first answer: true when this process took the lead then, false when another had it. */
    public CompletionStage<Boolean> firstAnswer() {
        return firstAnswer;
    }

    /** Whether this process took the lead (and has not been told that another took it). */
    public boolean leading() {
        return leading;
    }

    /**
     * Whether this process may act as the leader now: it leads, and its lease's time has not run
     * out since it was last renewed. A process paused past its lease finds this false the moment it
     * wakes, before its next renewal tells it that another took over.
     */
    public boolean acting() {
        return leading && lease.holds();
    }

    /** The fencing token this process acts with now: empty when it is not {@link #acting()}. */
    public OptionalLong token() {
        return leading ? lease.token() : OptionalLong.empty();
    }

    /** Waiting, ready to take over: another holds the lease. */
    public boolean standingBy() {
        return standby && !leading;
    }

    /** Gives the lease back, so the standby takes over at once instead of after the lease's time. */
    public void stop() {
        if (timer >= 0 && vertx != null) {
            vertx.cancelTimer(timer);
        }
        if (leading) {
            leading = false;
            try {
                lease.release().await().atMost(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debugf("could not give the %s's lease back (it expires by itself): %s", role, e.getMessage());
            }
        }
    }

    /** This process among the candidates: the host (the pod's name in Kubernetes) and the process id. */
    public static String processName(String fallbackHost) {
        String host = System.getenv().getOrDefault("HOSTNAME", fallbackHost);
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        return (host + "-" + runtime).replaceAll("\\s", "_");
    }
}
