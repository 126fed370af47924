package dev.workflowchat.chat.scheduler;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.hook.HookRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Forgets GitHub delivery ids past {@code wfchat.hooks.deliveries-kept-for}, so what replays are
 * checked against stays bounded; GitHub redelivers only a few days back. Harmless on several replicas.
 */
@ApplicationScoped
public class HookDeliveryPruneJob {

    private final HookRepository hooks;
    private final ChatConfig config;

    public HookDeliveryPruneJob(HookRepository hooks, ChatConfig config) {
        this.hooks = hooks;
        this.config = config;
    }

    @Scheduled(every = "${wfchat.hooks.prune-every:1h}", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return pruneOlderThan(Instant.now().minus(config.hooks().deliveriesKeptFor()))
                .invoke(removed -> {
                    if (removed > 0) {
                        Log.infof("forgot %d GitHub delivery ids older than %s", removed, config.hooks().deliveriesKeptFor());
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("could not prune GitHub delivery ids: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Removes the delivery ids received before {@code cutoff}; how many. */
    public Uni<Integer> pruneOlderThan(Instant cutoff) {
        return Panache.withTransaction(() -> hooks.pruneDeliveriesBefore(cutoff));
    }
}
