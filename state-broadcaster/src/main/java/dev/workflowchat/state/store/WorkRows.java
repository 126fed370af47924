package dev.workflowchat.state.store;

import dev.workflowchat.protocol.event.TddEvidence;
import dev.workflowchat.state.machine.ProjectState;
import dev.workflowchat.state.machine.Sprint;
import dev.workflowchat.state.machine.TddState;
import dev.workflowchat.state.machine.TddTransition;
import dev.workflowchat.state.machine.Transition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Sprints, transitions and TDD moves as table rows, and back. */
final class WorkRows {

    static final String UPSERT_SPRINT = """
            INSERT INTO workflow.sprints (project, number, goal, days, status, story_ids, planned_by, planned_at, started_at,
                ended_at, pauses, notes, ci_failures, cycles_completed, planned_points, done_points, done_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            ON CONFLICT (project, number) DO UPDATE SET goal = $3, days = $4, status = $5, story_ids = $6, started_at = $9,
                ended_at = $10, pauses = $11, notes = $12, ci_failures = $13, cycles_completed = $14, planned_points = $15,
                done_points = $16, done_ids = $17""";
    static final String INSERT_TRANSITION = """
            INSERT INTO workflow.transitions (project, from_state, to_state, command, by_whom, at, note)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""";
    static final String INSERT_TDD_EVENT = """
            INSERT INTO workflow.tdd_events (project, story_id, from_phase, to_phase, by_whom, at, passed, failed, skipped,
                commit_sha, ci, url, warning)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";

    private WorkRows() {
    }

    static Tuple sprint(String project, Sprint sprint) {
        JsonArray pauses = new JsonArray();
        sprint.pauses().forEach(pause -> pauses.add(new JsonObject().put("by", pause.by()).put("at", pause.at().toString())
                .put("reason", pause.reason()).put("resumed_at", pause.resumedAt() == null ? null : pause.resumedAt().toString())));
        JsonArray notes = new JsonArray();
        sprint.notes().forEach(note -> notes.add(new JsonObject().put("kind", note.kind()).put("by", note.by())
                .put("at", note.at().toString()).put("text", note.text())));
        return Tuple.from(nullable(project, sprint.number(), sprint.goal(), sprint.days(), sprint.status().name(),
                sprint.storyIds().toArray(String[]::new), sprint.plannedBy(), time(sprint.plannedAt()), time(sprint.startedAt()),
                time(sprint.endedAt()), pauses, notes, sprint.ciFailures(), sprint.cyclesCompleted(), sprint.plannedPoints(),
                sprint.donePoints(), sprint.doneIds().toArray(String[]::new)));
    }

    static Sprint sprint(Row row) {
        List<Sprint.Pause> pauses = new ArrayList<>();
        for (Object each : json(row, "pauses")) {
            JsonObject pause = (JsonObject) each;
            pauses.add(new Sprint.Pause(pause.getString("by"), Instant.parse(pause.getString("at")), pause.getString("reason"),
                    pause.getString("resumed_at") == null ? null : Instant.parse(pause.getString("resumed_at"))));
        }
        List<Sprint.Note> notes = new ArrayList<>();
        for (Object each : json(row, "notes")) {
            JsonObject note = (JsonObject) each;
            notes.add(new Sprint.Note(note.getString("kind"), note.getString("by"), Instant.parse(note.getString("at")),
                    note.getString("text")));
        }
        return new Sprint(row.getInteger("number"), row.getString("goal"), row.getInteger("days"),
                Sprint.SprintStatus.valueOf(row.getString("status")), Arrays.asList(row.getArrayOfStrings("story_ids")),
                row.getString("planned_by"), instant(row, "planned_at"), instant(row, "started_at"), instant(row, "ended_at"),
                pauses, notes, row.getInteger("ci_failures"), row.getInteger("cycles_completed"),
                row.getInteger("planned_points"), row.getInteger("done_points"), Arrays.asList(row.getArrayOfStrings("done_ids")));
    }

    static Tuple transition(String project, Transition transition) {
        return Tuple.from(nullable(project, transition.from().name(), transition.to().name(), transition.command(),
                transition.by(), time(transition.at()), transition.note()));
    }

    static Transition transition(String project, Row row) {
        return new Transition(project, ProjectState.valueOf(row.getString("from_state")),
                ProjectState.valueOf(row.getString("to_state")), row.getString("command"), row.getString("by_whom"),
                instant(row, "at"), row.getString("note"));
    }

    static Tuple tddEvent(String project, TddTransition move) {
        TddEvidence evidence = move.evidence();
        return Tuple.from(nullable(project, move.storyId(), move.from() == null ? null : move.from().name(), move.to().name(),
                move.by(), time(move.at()), evidence.passed(), evidence.failed(), evidence.skipped(), evidence.commit(),
                evidence.ci(), evidence.url(), move.warning()));
    }

    static TddTransition tddEvent(String project, Row row) {
        String from = row.getString("from_phase");
        return new TddTransition(project, row.getString("story_id"), from == null ? null : TddState.valueOf(from),
                TddState.valueOf(row.getString("to_phase")), instant(row, "at"), row.getString("by_whom"),
                new TddEvidence(row.getInteger("passed"), row.getInteger("failed"), row.getInteger("skipped"),
                        row.getString("commit_sha"), row.getString("ci"), row.getString("url")),
                row.getString("warning"));
    }

    /** Tuple.from refuses List.of's nulls; an ArrayList keeps them (SQL NULL). */
    static List<Object> nullable(Object... values) {
        List<Object> list = new ArrayList<>(values.length);
        Collections.addAll(list, values);
        return list;
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static JsonArray json(Row row, String column) {
        Object value = row.getValue(column);
        return value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
    }
}
