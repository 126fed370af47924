package dev.workflowchat.chat.scheduler;

import dev.workflowchat.chat.websocket.SessionRecheck;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Closes open sockets whose login session has ended, those that send nothing included (a socket
 * that sends is rechecked at its frames): an expired session or a removed user stops receiving.
 */
@ApplicationScoped
public class SessionRecheckJob {

    private final SessionRecheck recheck;

    public SessionRecheckJob(SessionRecheck recheck) {
        this.recheck = recheck;
    }

    @Scheduled(every = "${wfchat.websocket.session-recheck:30s}", delayed = "${wfchat.websocket.session-recheck:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeEndedSessions() {
        return recheck.closeEnded()
                .invoke(closed -> {
                    if (closed > 0) {
                        Log.infof("closed %d sockets whose session had ended", closed);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("could not recheck open sockets' sessions: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
