package dev.workflowchat.state.machine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One sprint of a project, numbered from 1: its plan (stories, length, goal), its life
 * (started, paused and why, ended), what happened in it (CI failures, TDD cycles completed) and
 * its review (done and not done, feedback). Immutable: each change is a new value.
 */
public record Sprint(int number, String goal, int days, SprintStatus status, List<String> storyIds, String plannedBy,
                     Instant plannedAt, Instant startedAt, Instant endedAt, List<Pause> pauses, List<Note> notes,
                     int ciFailures, int cyclesCompleted, int plannedPoints, int donePoints, List<String> doneIds) {

    /** Where a sprint is. */
    public enum SprintStatus {
        PLANNED, ACTIVE, PAUSED, REVIEW, CLOSED
    }

    /** A pause: who, when, why, and when it was resumed (null while paused). */
    public record Pause(String by, Instant at, String reason, Instant resumedAt) {
    }

    /** What was said at the review: {@code feedback} (accepted) or {@code request_changes}. */
    public record Note(String kind, String by, Instant at, String text) {
    }

    public Sprint {
        storyIds = List.copyOf(storyIds);
        pauses = List.copyOf(pauses);
        notes = List.copyOf(notes);
        doneIds = List.copyOf(doneIds);
    }

    static Sprint planned(int number, String goal, int days, List<String> storyIds, int points, String by, Instant at) {
        return new Sprint(number, goal, days, SprintStatus.PLANNED, storyIds, by, at, null, null, List.of(), List.of(),
                0, 0, points, 0, List.of());
    }

    public boolean isOpen() {
        return status == SprintStatus.PLANNED || status == SprintStatus.ACTIVE || status == SprintStatus.PAUSED;
    }

    /** The day of the sprint it is at {@code now}, from 1; 0 before it started. */
    public long day(Instant now) {
        return startedAt == null ? 0 : Duration.between(startedAt, now).toDays() + 1;
    }

    Sprint started(Instant at) {
        return new Sprint(number, goal, days, SprintStatus.ACTIVE, storyIds, plannedBy, plannedAt, at, endedAt, pauses,
                notes, ciFailures, cyclesCompleted, plannedPoints, donePoints, doneIds);
    }

    Sprint paused(String by, Instant at, String reason) {
        List<Pause> more = new ArrayList<>(pauses);
        more.add(new Pause(by, at, reason, null));
        return new Sprint(number, goal, days, SprintStatus.PAUSED, storyIds, plannedBy, plannedAt, startedAt, endedAt, more,
                notes, ciFailures, cyclesCompleted, plannedPoints, donePoints, doneIds);
    }

    Sprint resumed(Instant at) {
        List<Pause> closed = new ArrayList<>(pauses);
        if (!closed.isEmpty() && closed.get(closed.size() - 1).resumedAt() == null) {
            Pause last = closed.remove(closed.size() - 1);
            closed.add(new Pause(last.by(), last.at(), last.reason(), at));
        }
        return new Sprint(number, goal, days, SprintStatus.ACTIVE, storyIds, plannedBy, plannedAt, startedAt, endedAt, closed,
                notes, ciFailures, cyclesCompleted, plannedPoints, donePoints, doneIds);
    }

    Sprint ended(Instant at, int points, List<String> done) {
        Sprint resumed = status == SprintStatus.PAUSED ? resumed(at) : this;
        return new Sprint(number, goal, days, SprintStatus.REVIEW, storyIds, plannedBy, plannedAt, startedAt, at,
                resumed.pauses, notes, ciFailures, cyclesCompleted, plannedPoints, points, done);
    }

    Sprint noted(String kind, String by, Instant at, String text, boolean closes) {
        List<Note> more = new ArrayList<>(notes);
        more.add(new Note(kind, by, at, text));
        return new Sprint(number, goal, days, closes ? SprintStatus.CLOSED : status, storyIds, plannedBy, plannedAt,
                startedAt, endedAt, pauses, more, ciFailures, cyclesCompleted, plannedPoints, donePoints, doneIds);
    }

    Sprint counted(int moreCiFailures, int moreCycles) {
        return new Sprint(number, goal, days, status, storyIds, plannedBy, plannedAt, startedAt, endedAt, pauses, notes,
                ciFailures + moreCiFailures, cyclesCompleted + moreCycles, plannedPoints, donePoints, doneIds);
    }
}
