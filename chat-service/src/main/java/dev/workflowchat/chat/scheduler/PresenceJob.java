package dev.workflowchat.chat.scheduler;

import dev.workflowchat.chat.service.PresenceService;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Shows agents that went silent as offline; safe on many replicas (a conditional update). */
@ApplicationScoped
public class PresenceJob {

    private final PresenceService presence;

    public PresenceJob(PresenceService presence) {
        this.presence = presence;
    }

    @Scheduled(every = "${wfchat.presence.check-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> markSilentAgentsOffline() {
        return presence.markSilentAgentsOffline()
                .invoke(count -> {
                    if (count > 0) {
                        Log.debugf("%d silent agents are now offline", count);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("presence check failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
