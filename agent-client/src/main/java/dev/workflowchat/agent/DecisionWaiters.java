package dev.workflowchat.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Who waits for which approval's decision, and the decisions seen lately, so a late waiter still hears one. */
final class DecisionWaiters {

    private static final int REMEMBERED = 1_000;

    private final Map<String, CompletableFuture<Decision>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Decision> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Decision> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The decision of {@code approvalId}: completed at once when it was seen already. */
    CompletableFuture<Decision> expect(String approvalId) {
        synchronized (recent) {
            Decision known = recent.get(approvalId);
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
            // A copy per waiter: one that gives up (a timeout cancels it) must not cancel the others.
            return waiting.computeIfAbsent(approvalId, id -> new CompletableFuture<>()).copy();
        }
    }

    void decided(Decision decision) {
        CompletableFuture<Decision> waiter;
        synchronized (recent) {
            recent.put(decision.approvalId(), decision);
            waiter = waiting.remove(decision.approvalId());
        }
        if (waiter != null) {
            waiter.complete(decision);
        }
    }

    /** Waiters fail rather than hang when the client closes. */
    void closeAll() {
        IllegalStateException closed = new IllegalStateException("the agent client was closed before the decision came");
        waiting.values().forEach(waiter -> waiter.completeExceptionally(closed));
        waiting.clear();
    }
}
