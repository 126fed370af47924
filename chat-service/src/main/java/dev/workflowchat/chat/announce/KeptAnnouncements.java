package dev.workflowchat.chat.announce;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/**
 * Announcements a stopping replica could not make, kept in PostgreSQL until a replica that
 * reaches Redis makes them. The reactive SQL client directly: keeping runs at shutdown on
 * Quarkus's main thread, where no Hibernate Reactive session can be had.
 */
@ApplicationScoped
public class KeptAnnouncements {

    /** One replica at a time makes them, so they go out in the order they were kept. */
    private static final String ONE_MAKER = "SELECT pg_try_advisory_xact_lock(hashtext('wfchat.announcements_kept'))";
    private static final String OLDEST = "SELECT id, what, steps FROM announcements_kept ORDER BY id LIMIT 1 FOR UPDATE";
    private static final String DELETE = "DELETE FROM announcements_kept WHERE id = $1";
    private static final String INSERT = "INSERT INTO announcements_kept (what, steps) VALUES ($1, $2)";
    /** Per call: the rest go on the next. */
    private static final int AT_MOST = 1000;

    private final Pool pool;

    public KeptAnnouncements(Pool pool) {
        this.pool = pool;
    }

    /** Keeps these, in their order, after any kept before. */
    Uni<Void> keep(List<Announcement> announcements) {
        if (announcements.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = announcements.stream().map(a -> Tuple.of(a.what(), a.stepsJson())).toList();
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(rows)).replaceWithVoid();
    }

    /**
     * Makes the kept announcements, oldest first, each deleted in the transaction that holds it
     * while Redis takes it: one that fails stays, and so does everything after it, for the next
     * call, which fails with it. Gives how many were made; none when another replica is at it.
     */
    Uni<Integer> makeAll(Function<Announcement, Uni<Void>> make) {
        return makeFrom(0, make);
    }

    private Uni<Integer> makeFrom(int made, Function<Announcement, Uni<Void>> make) {
        if (made >= AT_MOST) {
            return Uni.createFrom().item(made);
        }
        return pool.withTransaction(connection -> makeOldest(connection, make))
                .chain(one -> one ? makeFrom(made + 1, make) : Uni.createFrom().item(made));
    }

    private static Uni<Boolean> makeOldest(SqlConnection connection, Function<Announcement, Uni<Void>> make) {
        return connection.query(ONE_MAKER).execute()
                .chain(locked -> !locked.iterator().next().getBoolean(0)
                        ? Uni.createFrom().item(false)
                        : connection.query(OLDEST).execute().chain(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().item(false);
                            }
                            Row oldest = rows.iterator().next();
                            Announcement announcement = readable(oldest);
                            Uni<Void> made = announcement == null ? Uni.createFrom().voidItem() : make.apply(announcement);
                            return made.chain(() -> connection.preparedQuery(DELETE).execute(Tuple.of(oldest.getLong("id"))))
                                    .replaceWith(true);
                        }));
    }

    /** The row's announcement; null, logged, when only another version could have written it (it must not stop the rest). */
    private static Announcement readable(Row row) {
        try {
            return Announcement.of(row.getString("what"), row.getString("steps"));
        } catch (IllegalArgumentException unreadable) {
            Log.warnf("dropped kept announcement %d (%s): %s", row.getLong("id"), row.getString("what"), unreadable.getMessage());
            return null;
        }
    }
}
