package dev.workflowchat.chat.scheduler;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.repository.ChangeLog;
import dev.workflowchat.chat.upload.UploadService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * What is not kept forever: changes past the change log's retention (a resume from before them is
 * answered {@code gone}), and uploads nobody sent in a message. Harmless when several replicas
 * run it at once: each removes what is still there.
 */
@ApplicationScoped
public class RetentionJob {

    /** Changes removed per transaction, so pruning a long log never holds one huge delete. */
    static final int PRUNE_BATCH = 10_000;

    private final ChangeLog changeLog;
    private final UploadService uploads;
    private final ChatConfig config;

    public RetentionJob(ChangeLog changeLog, UploadService uploads, ChatConfig config) {
        this.changeLog = changeLog;
        this.uploads = uploads;
        this.config = config;
    }

    @Scheduled(every = "${wfchat.changes.prune-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pruneChangeLog() {
        return pruneAll(Instant.now().minus(config.changes().retention()), 0)
                .invoke(removed -> {
                    if (removed > 0) {
                        Log.infof("removed %d changes older than %s from the change log", removed,
                                config.changes().retention());
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("could not prune the change log: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeUnsentUploads() {
        return uploads.removeUnattachedOlderThan(config.uploads().unattachedKeptFor())
                .invoke(removed -> {
                    if (removed > 0) {
                        Log.infof("removed %d uploads never sent in a message", removed);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("could not remove unsent uploads: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Batch after batch until a batch comes back short; the total removed. */
    Uni<Integer> pruneAll(Instant cutoff, int removedSoFar) {
        return Panache.withTransaction(() -> changeLog.pruneBefore(cutoff, PRUNE_BATCH))
                .chain(removed -> removed < PRUNE_BATCH ? Uni.createFrom().item(removedSoFar + removed)
                        : pruneAll(cutoff, removedSoFar + removed));
    }
}
