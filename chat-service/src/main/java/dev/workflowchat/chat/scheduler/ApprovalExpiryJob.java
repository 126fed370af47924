package dev.workflowchat.chat.scheduler;

import dev.workflowchat.chat.approval.ApprovalService;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Expires approvals nobody decided in time: right after start (what expired while the service
 * was down) and then every few seconds. Safe on many replicas; see {@link ApprovalService#expireDue()}.
 */
@ApplicationScoped
public class ApprovalExpiryJob {

    private final ApprovalService approvals;

    public ApprovalExpiryJob(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @Scheduled(every = "${wfchat.approvals.expiry-check-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireDue() {
        return approvals.expireDue()
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("expired %d approvals", count);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("expiring approvals failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
