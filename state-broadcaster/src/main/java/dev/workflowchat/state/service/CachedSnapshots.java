package dev.workflowchat.state.service;

import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.store.WorkflowStore;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Keeps Redis's cache whole: at start, every project of the record (and the default one) gets
 * its snapshot key back where Redis lost it (a restart without persistence, a flush), so clients
 * read the present at once; and the record forgets event ids too old to come back.
 */
@ApplicationScoped
public class CachedSnapshots {

    /** How long an applied event's id is remembered in the record; far beyond any redelivery. */
    static final Duration KEEP_PROCESSED_IDS = Duration.ofDays(7);

    private final WorkflowService workflow;
    private final WorkflowStore store;
    private final StateConfig config;

    public CachedSnapshots(WorkflowService workflow, WorkflowStore store, StateConfig config) {
        this.workflow = workflow;
        this.store = store;
        this.config = config;
    }

    /** Taking the lead (at start when alone): the leader keeps the cache. */
    void rebuildAtStart(@Observes TookTheLead event) {
        rebuild()
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(20)
                .subscribe().with(
                        written -> Log.infof("snapshots written where Redis had none: %d", written),
                        failure -> Log.warnf("the snapshots could not be rebuilt: %s", failure.getMessage()));
    }

    /** Writes the snapshot of every known project that Redis has none of; how many were written. */
    public Uni<Integer> rebuild() {
        return store.projectNames().chain(names -> {
            Set<String> all = new LinkedHashSet<>(names);
            all.add(config.defaultProject());
            return Multi.createFrom().iterable(all)
                    .onItem().transformToUniAndConcatenate(workflow::publishIfAbsent)
                    .collect().asList()
                    .map(written -> (int) written.stream().filter(Boolean::booleanValue).count());
        });
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldIds() {
        return store.forgetProcessed(KEEP_PROCESSED_IDS)
                .invoke(forgotten -> Log.debugf("forgot %d applied event ids", forgotten))
                .onFailure().invoke(failure -> Log.debugf("could not forget old event ids: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
