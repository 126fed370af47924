package dev.workflowchat.chat.push;

import dev.workflowchat.protocol.ProtocolException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The devices people asked to be pushed to, with the preferences of their owners. */
@ApplicationScoped
public class PushSubscriptions {

    /**
     * An endpoint is one browser's: when another person signs in there and subscribes, it becomes
     * theirs. The limit counts the person's other devices, under the person's row lock so two
     * subscriptions at once can't both pass it.
     */
    private static final String ADD = """
            WITH person AS (SELECT username FROM users WHERE username = $1 FOR UPDATE),
                 others AS (SELECT count(*) AS n FROM push_subscriptions WHERE username = $1 AND endpoint <> $2)
            INSERT INTO push_subscriptions (endpoint, username, p256dh, auth)
            SELECT $2, $1, $3, $4 FROM person, others WHERE others.n < $5
            ON CONFLICT (endpoint) DO UPDATE SET username = EXCLUDED.username, p256dh = EXCLUDED.p256dh,
                auth = EXCLUDED.auth, created_at = now()
            RETURNING endpoint
            """;
    private static final String REMOVE_OWN = "DELETE FROM push_subscriptions WHERE endpoint = $1 AND username = $2";
    private static final String REMOVE = "DELETE FROM push_subscriptions WHERE endpoint = $1";
    private static final String COUNT = "SELECT count(*) FROM push_subscriptions WHERE username = $1";
    private static final String SELECT = """
            SELECT s.username, s.endpoint, s.p256dh, s.auth, p.preferences::text AS preferences
            FROM push_subscriptions s LEFT JOIN user_preferences p ON p.username = s.username
            """;
    private static final String OF_PEOPLE = SELECT + " WHERE s.username = ANY($1)";
    /**
     * Who may decide a pending approval whose card is this message: approvers and admins, never the
     * person who asked for it. The approval's own record must name the message, as the page believes
     * only records.
     */
    private static final String OF_DECIDERS = SELECT + """
             JOIN users u ON u.username = s.username
             JOIN approvals a ON a.id = $1 AND a.message_id::text = $2 AND a.status = 'pending'
            WHERE ('approver' = ANY(u.roles) OR 'admin' = ANY(u.roles)) AND a.requested_by <> s.username
            """;

    private final Pool pool;
    private final PreferenceStore preferences;

    public PushSubscriptions(Pool pool, PreferenceStore preferences) {
        this.pool = pool;
        this.preferences = preferences;
    }

    /** A device of a person's, and whose preferences apply to it. */
    public record Device(String username, PushSubscription subscription, Preferences preferences) {
    }

    public Uni<Void> add(String username, PushSubscription subscription, int maxPerUser) {
        return pool.withTransaction(connection -> connection.preparedQuery(ADD)
                        .execute(Tuple.of(username, subscription.endpoint(), subscription.p256dh(), subscription.auth(),
                                maxPerUser)))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProtocolException.conflict("at most " + maxPerUser
                                + " devices may be subscribed: unsubscribe one (in its settings) first");
                    }
                })
                .replaceWithVoid();
    }

    /** Removes one of the person's own subscriptions; whether there was one. */
    public Uni<Boolean> removeOwn(String username, String endpoint) {
        return pool.preparedQuery(REMOVE_OWN).execute(Tuple.of(endpoint, username)).map(rows -> rows.rowCount() > 0);
    }

    /** Removes a subscription its push service says is gone. */
    Uni<Void> remove(String endpoint) {
        return pool.preparedQuery(REMOVE).execute(Tuple.of(endpoint)).replaceWithVoid();
    }

    public Uni<Long> count(String username) {
        return pool.preparedQuery(COUNT).execute(Tuple.of(username)).map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<List<Device>> ofPeople(Collection<String> usernames) {
        return pool.preparedQuery(OF_PEOPLE).execute(Tuple.of(usernames.toArray(String[]::new))).map(this::devices);
    }

    Uni<List<Device>> ofDeciders(String approvalId, String messageId) {
        return pool.preparedQuery(OF_DECIDERS).execute(Tuple.of(approvalId, messageId)).map(this::devices);
    }

    private List<Device> devices(RowSet<Row> rows) {
        List<Device> devices = new ArrayList<>();
        for (Row row : rows) {
            devices.add(new Device(row.getString("username"),
                    new PushSubscription(row.getString("endpoint"), row.getString("p256dh"), row.getString("auth")),
                    preferences.read(row, "preferences")));
        }
        return devices;
    }
}
