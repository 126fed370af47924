package dev.workflowchat.chat.upload;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.protocol.ProtocolException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What one person may upload: so many files a minute, so many bytes not yet sent in a message,
 * and so many a day (counted in PostgreSQL, so every replica sees the same). Without it one
 * member filled the database with 10 MB files as fast as the network allowed. The Discord
 * bridge's account re-hosts everyone's Discord files and is not held to a person's quota.
 */
@ApplicationScoped
public class UploadQuota {

    private static final String USED = """
            SELECT count(*) FILTER (WHERE created_at > now() - interval '1 minute'),
                   COALESCE(sum(file_size) FILTER (WHERE message_id IS NULL), 0),
                   COALESCE(sum(file_size) FILTER (WHERE created_at > now() - interval '1 day'), 0)
            FROM attachments
            WHERE uploaded_by = $1 AND (created_at > now() - interval '1 day' OR message_id IS NULL)
            """;

    private final Pool pool;
    private final ChatConfig config;

    public UploadQuota(Pool pool, ChatConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Fails with {@code rate_limited} when one more file of {@code size} bytes is over a limit. */
    public Uni<Void> check(ChatUser uploader, long size) {
        if (uploader.username().equals(config.bridge().username())) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(USED).execute(Tuple.of(uploader.username()))
                .invoke(rows -> refuseIfOver(rows.iterator().next(), size))
                .replaceWithVoid();
    }

    private void refuseIfOver(Row used, long size) {
        var limits = config.uploads();
        if (used.getLong(0) >= limits.perMinute()) {
            throw ProtocolException.rateLimited("at most " + limits.perMinute() + " files a minute; try again shortly");
        }
        if (used.getLong(1) + size > limits.unattachedMaxBytes()) {
            throw ProtocolException.rateLimited("at most " + megabytes(limits.unattachedMaxBytes())
                    + " MB of files not yet sent in a message; send them first (unsent files are removed after "
                    + limits.unattachedKeptFor().toHours() + " h)");
        }
        if (used.getLong(2) + size > limits.dailyMaxBytes()) {
            throw ProtocolException.rateLimited("at most " + megabytes(limits.dailyMaxBytes())
                    + " MB of files a day; try again tomorrow");
        }
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }
}
