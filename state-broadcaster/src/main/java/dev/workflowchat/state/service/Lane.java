package dev.workflowchat.state.service;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Runs asynchronous work one piece at a time, in the order it was handed over, without blocking a thread. */
final class Lane {

    private final AtomicReference<CompletableFuture<Void>> last =
            new AtomicReference<>(CompletableFuture.completedFuture(null));

    /** The work, started once everything handed over before it has finished (well or not). */
    <T> Uni<T> inTurn(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture<Void> previous = last.getAndSet(done);
            return Uni.createFrom().completionStage(previous)
                    .chain(ignored -> work.get())
                    .onTermination().invoke(() -> done.complete(null));
        });
    }
}
