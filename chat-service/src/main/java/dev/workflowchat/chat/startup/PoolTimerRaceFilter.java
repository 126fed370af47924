package dev.workflowchat.chat.startup;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;

/**
 * While PostgreSQL is down, the reactive pool fails each query at once ("connection refused") and
 * the caller answers {@code unavailable}; but the pool's 30 s acquisition timer is not cancelled on
 * that path, and when it fires it fails the already-failed promise (vertx-sql-client issue 1706).
 * Vert.x hands that to its uncaught-exception handler, which Quarkus logs as an ERROR with a
 * stack trace although nothing was lost and nobody waits. This keeps every other uncaught failure
 * going to the handler Quarkus installed, and logs only that one race at WARN, once per
 * {@link #EVERY} occurrences, so an outage doesn't read as a crash in the log.
 */
@ApplicationScoped
public class PoolTimerRaceFilter {

    static final int EVERY = 100;

    private long seen;

    void install(@Observes StartupEvent event, Vertx vertx) {
        Handler<Throwable> previous = vertx.exceptionHandler();
        vertx.exceptionHandler(failure -> {
            if (isPoolTimerRace(failure)) {
                noteRace();
            } else if (previous != null) {
                previous.handle(failure);
            } else {
                Log.error("Uncaught exception received by Vert.x", failure);
            }
        });
    }

    static boolean isPoolTimerRace(Throwable failure) {
        return failure instanceof IllegalStateException
                && "Result is already complete".equals(failure.getMessage())
                && Arrays.stream(failure.getStackTrace()).anyMatch(frame ->
                        frame.getClassName().startsWith("io.vertx.sqlclient.impl.pool.SqlConnectionPool"));
    }

    private synchronized void noteRace() {
        if (seen++ % EVERY == 0) {
            Log.warnf("the database pool's acquisition timer fired after a failed query had already been answered "
                    + "(a known Vert.x race while the database is unreachable; harmless); seen %d time(s)", seen);
        }
    }
}
