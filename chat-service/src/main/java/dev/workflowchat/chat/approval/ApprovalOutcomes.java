package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.announce.ChangeEvents;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.model.ApprovalView;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * What follows an approval's change: inside its transaction, its message shows it and (for a
 * decision) the audit trail gets its entry; after the commit, it is announced on {@code wfchat:out}
 * and to the requesting agent.
 */
@ApplicationScoped
public class ApprovalOutcomes {

    private final ApprovalRepository approvals;
    private final ApprovalPosts posts;
    private final ChangePublisher publisher;
    private final ChatMetrics metrics;
    private final AuditTrail audit;

    public ApprovalOutcomes(ApprovalRepository approvals, ApprovalPosts posts, ChangePublisher publisher, ChatMetrics metrics,
                            AuditTrail audit) {
        this.approvals = approvals;
        this.posts = posts;
        this.publisher = publisher;
        this.metrics = metrics;
        this.audit = audit;
    }

    /** An approval after a change, and the change to its message to publish with it. */
    record Outcome(ApprovalView approval, RecordedChange messageChange) {
    }

    /** A decision just made: shown in its message and entered in the audit trail. Call in its transaction. */
    Uni<Outcome> decided(String approvalId) {
        return approvals.findById(approvalId).chain(approval -> {
            ApprovalView view = ApprovalMapper.toView(approval);
            Uni<RecordedChange> shown = ApprovalPosts.shown(approval) ? posts.show(approval) : Uni.createFrom().nullItem();
            return shown.map(change -> new Outcome(view, change));
        }).call(outcome -> audit.append(outcome.approval()));
    }

    /** A vote toward a quorum: shown in its message (no audit entry: nothing is decided yet). Call in its transaction. */
    Uni<Outcome> updated(dev.workflowchat.chat.Approval approval) {
        Uni<RecordedChange> shown = ApprovalPosts.shown(approval) ? posts.show(approval) : Uni.createFrom().nullItem();
        return shown.map(change -> new Outcome(ApprovalMapper.toView(approval), change));
    }

    /** A vote after the commit: its message's change, and the approval as it is now to everyone. */
    void announceUpdated(Outcome outcome) {
        if (outcome.messageChange() != null) {
            publisher.publish(outcome.messageChange());
        }
        announce(EventTypes.APPROVAL_UPDATED, outcome.approval(), Set.of());
    }

    /** A request just made (its message posted): announced after the commit. */
    void announceRequested(Outcome outcome) {
        publisher.publish(outcome.messageChange());
        announce(EventTypes.APPROVAL_REQUESTED, outcome.approval(), Set.of());
        metrics.approval("requested");
    }

    /** A decision after the commit: its message's change, and the decision to everyone and the agent. */
    void announceDecided(Outcome outcome) {
        if (outcome.messageChange() != null) {
            publisher.publish(outcome.messageChange());
        }
        announce(EventTypes.APPROVAL_DECIDED, outcome.approval(), Set.of(outcome.approval().requestedBy()));
        metrics.approval(outcome.approval().status());
        Log.infof("approval %s is %s (by %s)", outcome.approval().approvalId(), outcome.approval().status(),
                outcome.approval().decidedBy());
    }

    private void announce(String type, ApprovalView approval, Set<String> agents) {
        publisher.publish(Envelope.create(type, ChangeEvents.SOURCE, null, approval), agents);
    }
}
