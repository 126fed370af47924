package dev.workflowchat.state.store;

import dev.workflowchat.state.machine.Epic;
import dev.workflowchat.state.machine.Priority;
import dev.workflowchat.state.machine.ProjectState;
import dev.workflowchat.state.machine.Sprint;
import dev.workflowchat.state.machine.Story;
import dev.workflowchat.state.machine.StoryStatus;
import dev.workflowchat.state.machine.TddState;
import dev.workflowchat.state.machine.TddTransition;
import dev.workflowchat.state.machine.Transition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one project's record back from its tables. */
final class ProjectLoader {

    /** The moves of each story's TDD cycle read back, as many as the machine keeps. */
    static final int TDD_LOG_KEPT = 30;

    Uni<Optional<StoredProject>> load(SqlConnection connection, String project, int recent) {
        Tuple name = Tuple.of(project);
        return connection.preparedQuery("SELECT * FROM workflow.projects WHERE name = $1").execute(name)
                .chain(projects -> {
                    if (projects.rowCount() == 0) {
                        return Uni.createFrom().item(Optional.<StoredProject>empty());
                    }
                    Row row = projects.iterator().next();
                    Map<String, Epic> epics = new LinkedHashMap<>();
                    Map<String, Story> stories = new LinkedHashMap<>();
                    Map<String, ProjectRecord.Cycle> cycles = new LinkedHashMap<>();
                    List<Transition> transitions = new ArrayList<>();
                    Map<Integer, Sprint> sprints = new LinkedHashMap<>();
                    List<TddTransition> tddLog = new ArrayList<>();
                    return connection.preparedQuery("SELECT * FROM workflow.epics WHERE project = $1 "
                                    + "ORDER BY length(id), id").execute(name)
                            .invoke(rows -> rows.forEach(epic -> epics.put(epic.getString("id"), epic(epic))))
                            .chain(() -> connection.preparedQuery("SELECT * FROM workflow.stories WHERE project = $1 "
                                    + "ORDER BY length(id), id").execute(name))
                            .invoke(rows -> rows.forEach(story -> stories.put(story.getString("id"), story(story))))
                            .chain(() -> connection.preparedQuery("SELECT * FROM workflow.tdd_cycles WHERE project = $1 "
                                    + "ORDER BY updated_at, story_id").execute(name))
                            .invoke(rows -> rows.forEach(cycle -> cycles.put(cycle.getString("story_id"),
                                    new ProjectRecord.Cycle(TddState.valueOf(cycle.getString("phase")), instant(cycle, "updated_at")))))
                            .chain(() -> connection.preparedQuery("SELECT * FROM workflow.transitions WHERE project = $1 "
                                    + "ORDER BY id DESC LIMIT $2").execute(Tuple.of(project, recent)))
                            .invoke(rows -> rows.forEach(transition -> transitions.add(WorkRows.transition(project, transition))))
                            .chain(() -> connection.preparedQuery("SELECT * FROM workflow.sprints WHERE project = $1 "
                                    + "ORDER BY number").execute(name))
                            .invoke(rows -> rows.forEach(sprint -> sprints.put(sprint.getInteger("number"), WorkRows.sprint(sprint))))
                            .chain(() -> connection.preparedQuery("SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY story_id "
                                    + "ORDER BY id DESC) AS age FROM workflow.tdd_events WHERE project = $1) kept "
                                    + "WHERE age <= $2 ORDER BY id").execute(Tuple.of(project, TDD_LOG_KEPT)))
                            .invoke(rows -> rows.forEach(move -> tddLog.add(WorkRows.tddEvent(project, move))))
                            .map(ignored -> {
                                Collections.reverse(transitions);
                                ProjectRecord record = new ProjectRecord(project, ProjectState.valueOf(row.getString("state")),
                                        row.getString("mode"), row.getInteger("ci_failures_in_a_row"), row.getInteger("last_epic"),
                                        row.getInteger("last_story"), epics, stories, cycles, sprints,
                                        row.getString("description"), row.getBoolean("archived"));
                                return Optional.of(new StoredProject(record, transitions, tddLog));
                            });
                });
    }

    private static Epic epic(Row row) {
        return new Epic(row.getString("id"), row.getString("title"), row.getString("description"), row.getBoolean("closed"),
                row.getString("created_by"), instant(row, "created_at"));
    }

    private static Story story(Row row) {
        return new Story(row.getString("id"), row.getString("epic_id"), row.getString("title"), row.getString("criteria"),
                Priority.parse(row.getString("priority")).orElse(Priority.MEDIUM), row.getInteger("points"),
                StoryStatus.parse(row.getString("status")).orElse(StoryStatus.BACKLOG), row.getString("assignee"),
                instant(row, "created_at"));
    }

    private static Instant instant(Row row, String column) {
        return WorkRows.instant(row, column);
    }
}
