package dev.workflowchat.chat.keys;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code agent_keys} table, through the reactive SQL client as {@code SessionStore} does: the
 * authentication mechanism reads it for every {@code /mcp} request, before any Hibernate session exists.
 */
@ApplicationScoped
public class AgentKeyStore {

    private static final String COLUMNS = "id, agent, prefix, label, project, created_by, created_at, expires_at, "
            + "revoked_at, revoked_by, last_used_at";
    private static final String INSERT = "INSERT INTO agent_keys (id, agent, key_hash, prefix, label, project, "
            + "created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    private static final String BY_HASH = "SELECT " + COLUMNS + " FROM agent_keys WHERE key_hash = $1";
    private static final String OF_AGENT = "SELECT " + COLUMNS + " FROM agent_keys WHERE agent = $1 ORDER BY created_at DESC";
    private static final String ALL = "SELECT " + COLUMNS + " FROM agent_keys ORDER BY agent, created_at DESC LIMIT 1000";
    private static final String REVOKE = "UPDATE agent_keys SET revoked_at = $3, revoked_by = $4 "
            + "WHERE id = $1 AND agent = $2 AND revoked_at IS NULL RETURNING " + COLUMNS;
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM agent_keys WHERE id = $1 AND agent = $2";
    /** At most one write a minute per key: "last used" is for people, not an audit trail. */
    private static final String TOUCH = "UPDATE agent_keys SET last_used_at = $2 WHERE id = $1 "
            + "AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')";

    private final Pool pool;

    public AgentKeyStore(Pool pool) {
        this.pool = pool;
    }

    Uni<AgentKey> insert(AgentKey key, String keyHash) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.tuple().addValue(key.id()).addValue(key.agent()).addValue(keyHash).addValue(key.prefix())
                        .addValue(key.label()).addValue(key.project()).addValue(key.createdBy())
                        .addValue(utc(key.createdAt())).addValue(nullableTime(key.expiresAt())))
                .replaceWith(key);
    }

    /** The key whose secret hashes to {@code keyHash}, whatever its state. */
    public Uni<Optional<AgentKey>> byHash(String keyHash) {
        return pool.preparedQuery(BY_HASH).execute(Tuple.of(keyHash)).map(AgentKeyStore::first);
    }

    Uni<List<AgentKey>> ofAgent(String agent) {
        return pool.preparedQuery(OF_AGENT).execute(Tuple.of(agent)).map(AgentKeyStore::all);
    }

    Uni<List<AgentKey>> all() {
        return pool.query(ALL).execute().map(AgentKeyStore::all);
    }

    Uni<Optional<AgentKey>> byId(String agent, String id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id, agent)).map(AgentKeyStore::first);
    }

    /** Revokes a live key; empty when there is no such key or it was revoked already. */
    Uni<Optional<AgentKey>> revoke(String agent, String id, String by, Instant at) {
        return pool.preparedQuery(REVOKE).execute(Tuple.of(id, agent, utc(at), by)).map(AgentKeyStore::first);
    }

    public Uni<Void> touch(String id, Instant at) {
        return pool.preparedQuery(TOUCH).execute(Tuple.of(id, utc(at))).replaceWithVoid();
    }

    private static Optional<AgentKey> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toKey(rows.iterator().next()));
    }

    private static List<AgentKey> all(RowSet<Row> rows) {
        List<AgentKey> keys = new ArrayList<>();
        rows.forEach(row -> keys.add(toKey(row)));
        return keys;
    }

    private static AgentKey toKey(Row row) {
        return new AgentKey(row.getString("id"), row.getString("agent"), row.getString("prefix"), row.getString("label"),
                row.getString("project"), row.getString("created_by"), instant(row, "created_at"),
                instant(row, "expires_at"), instant(row, "revoked_at"), row.getString("revoked_by"),
                instant(row, "last_used_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Object nullableTime(Instant at) {
        return at == null ? null : utc(at);
    }
}
