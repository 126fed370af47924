package dev.workflowchat.chat.scheduler;

import dev.workflowchat.chat.approval.ApprovalReminders;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.config.ChatConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reminds of and escalates approvals half and three quarters through their lifetime, and expires
 * approvals nobody decided in time: right after start (what expired while the service
 * was down) and then every few seconds. Safe on many replicas; see {@link ApprovalService#expireDue()}.
 */
@ApplicationScoped
public class ApprovalExpiryJob {

    private final ApprovalService approvals;
    private final ApprovalReminders reminders;
    private final ChatConfig config;

    public ApprovalExpiryJob(ApprovalService approvals, ApprovalReminders reminders, ChatConfig config) {
        this.approvals = approvals;
        this.reminders = reminders;
        this.config = config;
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
                .chain(() -> reminders.remindDue(config.approvals().expiryBatch()))
                .chain(() -> reminders.escalateDue(config.approvals().expiryBatch()))
                .onFailure().invoke(failure -> Log.warnf("reminding of approvals failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
