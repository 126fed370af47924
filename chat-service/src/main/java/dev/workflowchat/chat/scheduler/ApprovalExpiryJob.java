package dev.workflowchat.chat.scheduler;

import dev.workflowchat.chat.approval.ApprovalReminders;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.delivery.ApprovalPendingHeard;
import dev.workflowchat.chat.service.DuplicatedContexts;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;

/**
 * Reminds of and escalates approvals half and three quarters through their lifetime, and expires
 * approvals nobody decided in time. It checks right after start (what fell due while the service
 * was down), then when the next pending request falls due, and whenever a request is made or
 * changed on any replica (it may fall due sooner): while nothing is due it does not wake, but for a
 * check at most {@code wfchat.approvals.expiry-check-every} apart, for an announcement missed
 * while Redis was away. Safe on many replicas; see {@link ApprovalService#expireDue()}.
 */
@ApplicationScoped
public class ApprovalExpiryJob {

    private static final Duration STILL_DUE_AGAIN_AFTER = Duration.ofSeconds(1);

    private final ApprovalService approvals;
    private final ApprovalReminders reminders;
    private final ChatConfig config;
    private final DuplicatedContexts contexts;
    private final Vertx vertx;
    /** Guarded by this: a check is running; another was asked for meanwhile; the armed timer (-1: none). */
    private boolean running;
    private boolean again;
    private long timer = -1;
    private boolean stopped;

    public ApprovalExpiryJob(ApprovalService approvals, ApprovalReminders reminders, ChatConfig config,
                             DuplicatedContexts contexts, Vertx vertx) {
        this.approvals = approvals;
        this.reminders = reminders;
        this.config = config;
        this.contexts = contexts;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        check();
    }

    void heard(@Observes ApprovalPendingHeard heard) {
        check();
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    /** Checks now, or right after the check under way: a burst of requests makes one more check, not one each. */
    void check() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (running) {
                again = true;
                return;
            }
            running = true;
            vertx.cancelTimer(timer);
            timer = -1;
        }
        contexts.run(this::handleDue).subscribe().with(this::checked, failure -> {
            Log.warnf("checking approvals failed: %s", failure.getMessage());
            checked(null);
        });
    }

    private Uni<Instant> handleDue() {
        return approvals.expireDue()
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("expired %d approvals", count);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("expiring approvals failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> reminders.remindDue(config.approvals().expiryBatch()))
                .chain(() -> reminders.escalateDue(config.approvals().expiryBatch()))
                .onFailure().invoke(failure -> Log.warnf("reminding of approvals failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .chain(reminders::nextDue);
    }

    /**
     * Sleeps until the next request falls due, or the longest wait. One still due after a check (a
     * full batch, a row another replica holds, a failure) is looked at again a second later, not in
     * a loop.
     */
    private void checked(Instant nextDue) {
        long longest = config.approvals().expiryCheckEvery().toMillis();
        long untilDue = nextDue == null ? longest : Duration.between(Instant.now(), nextDue).toMillis() + 1;
        long wait = Math.min(longest, untilDue > 0 ? untilDue : STILL_DUE_AGAIN_AFTER.toMillis());
        boolean rerun;
        synchronized (this) {
            running = false;
            rerun = again && !stopped;
            again = false;
            if (!rerun && !stopped) {
                timer = vertx.setTimer(wait, ignored -> check());
            }
        }
        if (rerun) {
            check();
        }
    }
}
