package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.delivery.ApprovalDecisionHeard;
import dev.workflowchat.chat.service.DuplicatedContexts;
import dev.workflowchat.protocol.model.ApprovalView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MCP tools waiting for a person's decision. They are woken by the {@code approval.decided} this
 * replica hears on {@code wfchat:out}, so a decision made on any replica (or by a rule, a mode or
 * expiry) reaches them. A waiter that goes away (the MCP client disconnected) is simply forgotten:
 * the request stays pending, and its decision reaches the agent's stream as usual.
 */
@ApplicationScoped
public class DecisionWaiters {

    private final Map<String, Set<CompletableFuture<ApprovalView>>> waiting = new ConcurrentHashMap<>();
    private final ApprovalService approvals;
    private final DuplicatedContexts contexts;

    public DecisionWaiters(ApprovalService approvals, DuplicatedContexts contexts) {
        this.approvals = approvals;
        this.contexts = contexts;
    }

    /**
     * The approval once it is decided, or as it stands (pending) when {@code wait} passes first.
     * Registers before it reads the approval, so a decision made in between is not missed.
     */
    Uni<ApprovalView> await(String approvalId, Duration wait) {
        CompletableFuture<ApprovalView> decided = new CompletableFuture<>();
        waiting.computeIfAbsent(approvalId, id -> ConcurrentHashMap.newKeySet()).add(decided);
        return contexts.run(() -> approvals.get(approvalId))
                .chain(current -> !Approval.PENDING.equals(current.status()) || wait.isZero()
                        ? Uni.createFrom().item(current)
                        : Uni.createFrom().completionStage(decided)
                                .ifNoItem().after(wait).recoverWithUni(() -> contexts.run(() -> approvals.get(approvalId))))
                .onTermination().invoke(() -> forget(approvalId, decided));
    }

    void heard(@Observes ApprovalDecisionHeard heard) {
        Set<CompletableFuture<ApprovalView>> waiters = waiting.remove(heard.approval().approvalId());
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.complete(heard.approval()));
        }
    }

    private void forget(String approvalId, CompletableFuture<ApprovalView> waiter) {
        waiting.computeIfPresent(approvalId, (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }
}
