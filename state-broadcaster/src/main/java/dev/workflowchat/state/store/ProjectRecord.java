package dev.workflowchat.state.store;

import dev.workflowchat.state.machine.Epic;
import dev.workflowchat.state.machine.ProjectState;
import dev.workflowchat.state.machine.Sprint;
import dev.workflowchat.state.machine.Story;
import dev.workflowchat.state.machine.TddState;
import dev.workflowchat.state.machine.TddTransition;
import dev.workflowchat.state.machine.Transition;
import dev.workflowchat.state.machine.WorkflowMachine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything durable of one project at one moment, as the tables hold it. The store writes the
 * difference between the record it saved last and the new one, so a command that changes one
 * story writes one row.
 */
public record ProjectRecord(String name, ProjectState state, String mode, int ciFailuresInARow, int lastEpic,
                            int lastStory, Map<String, Epic> epics, Map<String, Story> stories,
                            Map<String, Cycle> cycles, Map<Integer, Sprint> sprints, String description,
                            boolean archived) {

    /** A story's TDD cycle as stored: its phase and when it last moved. */
    public record Cycle(TddState phase, Instant updatedAt) {
    }

    /** The record of a machine now; {@code cycleTimes} says when each cycle last moved. */
    public static ProjectRecord of(WorkflowMachine machine, Map<String, Instant> cycleTimes, String description,
                                   boolean archived) {
        Map<String, Epic> epics = new LinkedHashMap<>();
        machine.items().epics().forEach(epic -> epics.put(epic.id(), epic));
        Map<String, Story> stories = new LinkedHashMap<>();
        machine.items().stories().forEach(story -> stories.put(story.id(), story));
        Map<String, Cycle> cycles = new LinkedHashMap<>();
        machine.cycles().forEach((story, phase) -> cycles.put(story, new Cycle(phase, cycleTimes.getOrDefault(story, Instant.EPOCH))));
        Map<Integer, Sprint> sprints = new LinkedHashMap<>();
        machine.sprints().all().forEach(sprint -> sprints.put(sprint.number(), sprint));
        return new ProjectRecord(machine.project(), machine.state(), machine.mode(), machine.ciFailuresInARow(),
                machine.items().lastEpic(), machine.items().lastStory(), epics, stories, cycles, sprints, description, archived);
    }

    /** Brings a machine back to this record, with its recent transitions and TDD moves. */
    public void restoreInto(WorkflowMachine machine, List<Transition> recent, List<TddTransition> tddLog) {
        Map<String, TddState> phases = new LinkedHashMap<>();
        cycles.forEach((story, cycle) -> phases.put(story, cycle.phase()));
        machine.restore(state, mode, ciFailuresInARow, phases, recent);
        machine.tdd().restoreLog(tddLog);
        machine.items().restore(List.copyOf(epics.values()), List.copyOf(stories.values()), lastEpic, lastStory);
        machine.sprints().restore(List.copyOf(sprints.values()));
    }

    boolean sameProjectRow(ProjectRecord other) {
        return other != null && state == other.state && mode.equals(other.mode) && ciFailuresInARow == other.ciFailuresInARow
                && lastEpic == other.lastEpic && lastStory == other.lastStory
                && java.util.Objects.equals(description, other.description) && archived == other.archived;
    }
}
