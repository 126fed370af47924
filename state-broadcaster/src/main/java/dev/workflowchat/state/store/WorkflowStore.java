package dev.workflowchat.state.store;

import dev.workflowchat.state.machine.TddTransition;
import dev.workflowchat.state.machine.Transition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The workflow's record in PostgreSQL (schema {@code workflow}): what an event changed is
 * written in one transaction with the event's id, so it is kept once and whole, or not at all.
 */
@ApplicationScoped
public class WorkflowStore {

    private static final String MARK_PROCESSED =
            "INSERT INTO workflow.processed_events (id) VALUES ($1) ON CONFLICT DO NOTHING";
    private static final String UPSERT_PROJECT = """
            INSERT INTO workflow.projects (name, state, mode, ci_failures_in_a_row, last_epic, last_story, description, archived)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (name) DO UPDATE SET state = $2, mode = $3, ci_failures_in_a_row = $4, last_epic = $5,
                last_story = $6, description = $7, archived = $8, updated_at = now()""";
    private static final String UPSERT_EPIC = """
            INSERT INTO workflow.epics (project, id, title, description, closed, created_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (project, id) DO UPDATE SET title = $3, description = $4, closed = $5""";
    private static final String UPSERT_STORY = """
            INSERT INTO workflow.stories (project, id, epic_id, title, criteria, priority, points, status, assignee, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (project, id) DO UPDATE SET epic_id = $3, title = $4, criteria = $5, priority = $6, points = $7,
                status = $8, assignee = $9""";
    private static final String DELETE_STORY = "DELETE FROM workflow.stories WHERE project = $1 AND id = $2";
    private static final String UPSERT_CYCLE = """
            INSERT INTO workflow.tdd_cycles (project, story_id, phase, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (project, story_id) DO UPDATE SET phase = $3, updated_at = $4""";
    private static final String FORGET_PROCESSED = "DELETE FROM workflow.processed_events WHERE processed_at < $1";

    private final Pool pool;
    private final ProjectLoader loader;
    private final LeaderFence fence;

    public WorkflowStore(Pool pool, LeaderFence fence) {
        this.pool = pool;
        this.loader = new ProjectLoader();
        this.fence = fence;
    }

    /**
     * Writes what changed between {@code before} (null: nothing stored yet) and {@code after},
     * with the transitions, as the effect of event {@code eventId}. False, and nothing written,
     * when that event's effect is stored already. Fails with {@link LeaderFence.FencedOutException},
     * writing nothing, when this process is no longer the leader.
     */
    public Uni<Boolean> save(String eventId, ProjectRecord before, ProjectRecord after, List<Transition> transitions,
                             List<TddTransition> tddMoves) {
        return pool.withTransaction(connection -> fence.check(connection)
                .chain(() -> connection.preparedQuery(MARK_PROCESSED).execute(Tuple.of(eventId)))
                .chain(marked -> marked.rowCount() == 0 ? Uni.createFrom().item(false)
                        : writeChanges(connection, before, after, transitions)
                                .chain(() -> batch(Uni.createFrom().voidItem(), connection, WorkRows.INSERT_TDD_EVENT, tddMoves,
                                        move -> WorkRows.tddEvent(after.name(), move)))
                                .replaceWith(true)));
    }

    /** The stored record of a project, and its last {@code recent} transitions; empty when there is none. */
    public Uni<Optional<StoredProject>> load(String project, int recent) {
        return pool.withConnection(connection -> loader.load(connection, project, recent));
    }

    /** The names of every stored project. */
    public Uni<List<String>> projectNames() {
        return pool.query("SELECT name FROM workflow.projects ORDER BY name").execute()
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(row -> names.add(row.getString("name")));
                    return names;
                });
    }

    /** Forgets the ids of events applied longer ago than {@code keep}; they can't come back after that long. */
    public Uni<Integer> forgetProcessed(Duration keep) {
        return pool.preparedQuery(FORGET_PROCESSED).execute(Tuple.of(time(Instant.now().minus(keep))))
                .map(rows -> rows.rowCount());
    }

    private static Uni<Void> writeChanges(SqlConnection connection, ProjectRecord before, ProjectRecord after,
                                          List<Transition> transitions) {
        String project = after.name();
        Uni<Void> done = Uni.createFrom().voidItem();
        if (!after.sameProjectRow(before)) {
            done = done.chain(() -> connection.preparedQuery(UPSERT_PROJECT).execute(Tuple.from(nullable(project,
                    after.state().name(), after.mode(), after.ciFailuresInARow(), after.lastEpic(), after.lastStory(),
                    after.description(), after.archived())))
                    .replaceWithVoid());
        }
        done = batch(done, connection, UPSERT_EPIC, changed(before == null ? null : before.epics(), after.epics()),
                epic -> Tuple.from(nullable(project, epic.id(), epic.title(), epic.description(), epic.closed(),
                        epic.createdBy(), time(epic.createdAt()))));
        done = batch(done, connection, UPSERT_STORY, changed(before == null ? null : before.stories(), after.stories()),
                story -> Tuple.from(nullable(project, story.id(), story.epicId(), story.title(), story.criteria(),
                        story.priority().label(), story.points(), story.status().label(), story.assignee(),
                        time(story.createdAt()))));
        List<String> removed = before == null ? List.of()
                : before.stories().keySet().stream().filter(id -> !after.stories().containsKey(id)).toList();
        done = batch(done, connection, DELETE_STORY, removed, id -> Tuple.of(project, id));
        done = batch(done, connection, UPSERT_CYCLE, changedKeys(before == null ? null : before.cycles(), after.cycles()),
                story -> Tuple.of(project, story, after.cycles().get(story).phase().name(),
                        time(after.cycles().get(story).updatedAt())));
        done = batch(done, connection, WorkRows.UPSERT_SPRINT, changed(before == null ? null : before.sprints(), after.sprints()),
                sprint -> WorkRows.sprint(project, sprint));
        return batch(done, connection, WorkRows.INSERT_TRANSITION, transitions, transition -> WorkRows.transition(project, transition));
    }

    private static <T> Uni<Void> batch(Uni<Void> before, SqlConnection connection, String sql, List<T> items,
                                       Function<T, Tuple> tuple) {
        if (items.isEmpty()) {
            return before;
        }
        return before.chain(() -> connection.preparedQuery(sql).executeBatch(items.stream().map(tuple).toList()).replaceWithVoid());
    }

    private static <K, T> List<T> changed(java.util.Map<K, T> before, java.util.Map<K, T> after) {
        return after.entrySet().stream()
                .filter(entry -> before == null || !Objects.equals(before.get(entry.getKey()), entry.getValue()))
                .map(java.util.Map.Entry::getValue).toList();
    }

    private static <T> List<String> changedKeys(java.util.Map<String, T> before, java.util.Map<String, T> after) {
        return after.entrySet().stream()
                .filter(entry -> before == null || !Objects.equals(before.get(entry.getKey()), entry.getValue()))
                .map(java.util.Map.Entry::getKey).toList();
    }

    private static List<Object> nullable(Object... values) {
        return WorkRows.nullable(values);
    }

    private static OffsetDateTime time(Instant instant) {
        return WorkRows.time(instant);
    }
}
