package dev.workflowchat.chat.security;

import dev.workflowchat.chat.ChatUser;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Login sessions. Uses the reactive SQL client directly rather than Hibernate Reactive: it is
 * called by the authentication mechanism for every request and upgrade, before any handler
 * runs, where no Hibernate Reactive session context is guaranteed.
 */
@ApplicationScoped
public class SessionStore {

    private static final String FIND_USER = """
            SELECT u.username, u.display_name, u.roles
            FROM auth_sessions s JOIN users u ON u.username = s.username
            WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL
            """;
    private static final String LIVE_AMONG = """
            SELECT s.token_hash
            FROM auth_sessions s JOIN users u ON u.username = s.username
            WHERE s.token_hash = ANY($1) AND s.expires_at > now() AND u.disabled_at IS NULL
            """;
    private static final String CREATE =
            "INSERT INTO auth_sessions (token_hash, username, expires_at) VALUES ($1, $2, $3)";
    private static final String DELETE = "DELETE FROM auth_sessions WHERE token_hash = $1";
    private static final String DELETE_EXPIRED = "DELETE FROM auth_sessions WHERE expires_at < now()";
    private static final String DELETE_OF_USER_BUT = """
            DELETE FROM auth_sessions WHERE username = $1 AND token_hash <> $2 RETURNING token_hash
            """;

    private final Pool pool;

    public SessionStore(Pool pool) {
        this.pool = pool;
    }

    /** Starts a session and returns its token, which is shown to the client once and never stored. */
    public Uni<String> create(String username, Duration ttl) {
        String token = SessionTokens.newToken();
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(ttl);
        return pool.preparedQuery(CREATE)
                .execute(Tuple.of(SessionTokens.hash(token), username, expires))
                .replaceWith(token);
    }

    public Uni<Optional<ChatUser>> userOf(String token) {
        return userOfHash(SessionTokens.hash(token));
    }

    /** The user of a live session known by its token's hash (what an open socket keeps), with the roles they have now. */
    public Uni<Optional<ChatUser>> userOfHash(String tokenHash) {
        return pool.preparedQuery(FIND_USER)
                .execute(Tuple.of(tokenHash))
                .map(rows -> rows.size() == 0
                        ? Optional.<ChatUser>empty()
                        : Optional.of(toUser(rows.iterator().next())));
    }

    /** Which of these sessions (by token hash) are still live: not expired, their user still there. */
    public Uni<Set<String>> liveAmong(Collection<String> tokenHashes) {
        return pool.preparedQuery(LIVE_AMONG)
                .execute(Tuple.of(tokenHashes.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> live = new HashSet<>();
                    rows.forEach(row -> live.add(row.getString(0)));
                    return live;
                });
    }

    public Uni<Void> delete(String token) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(SessionTokens.hash(token))).replaceWithVoid();
    }

    /** Ends every session of the user but the one whose token hash is {@code keptHash} (null: all); their hashes. */
    public Uni<List<String>> deleteAllOf(String username, String keptHash) {
        return pool.preparedQuery(DELETE_OF_USER_BUT)
                .execute(Tuple.of(username, keptHash == null ? "" : keptHash))
                .map(rows -> {
                    List<String> ended = new ArrayList<>();
                    rows.forEach(row -> ended.add(row.getString(0)));
                    return ended;
                });
    }

    public Uni<Integer> deleteExpired() {
        return pool.query(DELETE_EXPIRED).execute().map(rows -> rows.rowCount());
    }

    private static ChatUser toUser(Row row) {
        return new ChatUser(row.getString("username"), row.getString("display_name"),
                Set.of(row.getArrayOfStrings("roles")));
    }
}
