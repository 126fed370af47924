package dev.workflowchat.chat.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Each person's notification preferences, one JSON document per person; none kept means the defaults. */
@ApplicationScoped
public class PreferenceStore {

    private static final String FIND = "SELECT preferences::text FROM user_preferences WHERE username = $1";
    private static final String SAVE = """
            INSERT INTO user_preferences (username, preferences) VALUES ($1, $2::text::jsonb)
            ON CONFLICT (username) DO UPDATE SET preferences = EXCLUDED.preferences, updated_at = now()
            """;

    private final Pool pool;
    private final ObjectMapper mapper;

    public PreferenceStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Preferences> of(String username) {
        return pool.preparedQuery(FIND).execute(Tuple.of(username))
                .map(rows -> rows.size() == 0 ? Preferences.DEFAULT : read(rows.iterator().next().getString(0)));
    }

    public Uni<Preferences> save(String username, Preferences preferences) {
        return pool.preparedQuery(SAVE).execute(Tuple.of(username, write(preferences))).replaceWith(preferences);
    }

    /** The preferences in a row's column (text), the defaults when null. */
    Preferences read(Row row, String column) {
        String json = row.getString(column);
        return json == null ? Preferences.DEFAULT : read(json);
    }

    private Preferences read(String json) {
        try {
            return mapper.readValue(json, Preferences.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored preferences must parse", e);
        }
    }

    private String write(Preferences preferences) {
        try {
            return mapper.writeValueAsString(preferences);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("preferences must serialise", e);
        }
    }
}
