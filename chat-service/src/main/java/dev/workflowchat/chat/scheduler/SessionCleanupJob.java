package dev.workflowchat.chat.scheduler;

import dev.workflowchat.chat.security.SessionStore;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Removes expired login sessions; harmless when several replicas run it at once. */
@ApplicationScoped
public class SessionCleanupJob {

    private final SessionStore sessions;

    public SessionCleanupJob(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeExpiredSessions() {
        return sessions.deleteExpired()
                .invoke(removed -> {
                    if (removed > 0) {
                        Log.infof("removed %d expired sessions", removed);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("could not remove expired sessions: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
