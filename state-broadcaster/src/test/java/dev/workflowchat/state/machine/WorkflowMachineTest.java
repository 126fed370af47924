package dev.workflowchat.state.machine;

import static dev.workflowchat.state.machine.ProjectState.BACKLOG_READY;
import static dev.workflowchat.state.machine.ProjectState.BLOCKED;
import static dev.workflowchat.state.machine.ProjectState.IDLE;
import static dev.workflowchat.state.machine.ProjectState.SPRINT_ACTIVE;
import static dev.workflowchat.state.machine.ProjectState.SPRINT_PAUSED;
import static dev.workflowchat.state.machine.ProjectState.SPRINT_PLANNED;
import static dev.workflowchat.state.machine.ProjectState.SPRINT_REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkflowMachineTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    /** The table of workflow.md, written out again here on purpose: the test must not read the code's table. */
    private record Expected(String typed, Set<ProjectState> allowedIn, ProjectState to) {
    }

    private static final List<Expected> TABLE = List.of(
            new Expected("/epic \"Build login\"", EnumSet.of(IDLE, BACKLOG_READY), BACKLOG_READY),
            new Expected("/sprint plan", EnumSet.of(BACKLOG_READY), SPRINT_PLANNED),
            new Expected("/sprint start", EnumSet.of(SPRINT_PLANNED), SPRINT_ACTIVE),
            new Expected("/sprint pause", EnumSet.of(SPRINT_ACTIVE), SPRINT_PAUSED),
            new Expected("/pause", EnumSet.of(SPRINT_ACTIVE), SPRINT_PAUSED),
            new Expected("/sprint resume", EnumSet.of(SPRINT_PAUSED), SPRINT_ACTIVE),
            new Expected("/resume", EnumSet.of(SPRINT_PAUSED), SPRINT_ACTIVE),
            new Expected("/sprint end", EnumSet.of(SPRINT_ACTIVE, SPRINT_PAUSED), SPRINT_REVIEW),
            new Expected("/sprint status", EnumSet.of(SPRINT_PLANNED, SPRINT_ACTIVE, SPRINT_PAUSED, BLOCKED, SPRINT_REVIEW), null),
            new Expected("/sprint history", EnumSet.allOf(ProjectState.class), null),
            new Expected("/epic list", EnumSet.allOf(ProjectState.class), null),
            new Expected("/story show S1", EnumSet.allOf(ProjectState.class), null),
            new Expected("/request_changes \"more tests\"", EnumSet.of(SPRINT_REVIEW), BACKLOG_READY),
            new Expected("/feedback \"great work\"", EnumSet.of(SPRINT_REVIEW), IDLE),
            new Expected("/suggest_fix \"pin the version\"", EnumSet.of(BLOCKED), SPRINT_ACTIVE),
            new Expected("/skip_task", EnumSet.of(BLOCKED), SPRINT_ACTIVE),
            new Expected("/state", EnumSet.allOf(ProjectState.class), null),
            new Expected("/backlog view", EnumSet.complementOf(EnumSet.of(SPRINT_REVIEW)), null),
            new Expected("/mode rapid", EnumSet.allOf(ProjectState.class), null));

    static Stream<Arguments> everyStateAndCommand() {
        List<Arguments> cases = new ArrayList<>();
        for (ProjectState state : ProjectState.values()) {
            for (Expected expected : TABLE) {
                cases.add(Arguments.of(state, expected));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyStateAndCommand")
    void everyCommandIsAllowedOnlyWhereTheTableSays(ProjectState state, Expected expected) {
        WorkflowMachine machine = machineIn(state);
        Outcome outcome = run(machine, expected.typed());
        if (expected.allowedIn().contains(state)) {
            assertThat(outcome.ok()).as(outcome.message()).isTrue();
            assertThat(machine.state()).isEqualTo(expected.to() == null ? state : expected.to());
            assertThat(outcome.transitions()).hasSize(expected.to() == null ? 0 : 1);
        } else {
            assertThat(outcome.ok()).isFalse();
            assertThat(machine.state()).isEqualTo(state);
            assertThat(outcome.transitions()).isEmpty();
            assertThat(outcome.message()).contains("is not allowed in state **" + state + "**");
            assertThat(outcome.hint()).isNotBlank();
        }
    }

    @Test
    void refusalsCarryTheFixedHints() {
        assertThat(run(machineIn(IDLE), "/sprint start").message()).isEqualTo(
                "Command `/sprint start` is not allowed in state **IDLE**. No sprint planned. Use /epic then /sprint plan first.");
        assertThat(run(machineIn(SPRINT_ACTIVE), "/sprint plan").hint())
                .isEqualTo("Sprint already active. Use /sprint status or /sprint pause.");
        assertThat(run(machineIn(SPRINT_ACTIVE), "/sprint start").hint())
                .isEqualTo("Sprint already active. Use /sprint status or /sprint pause.");
        assertThat(run(machineIn(SPRINT_ACTIVE), "/epic \"x\"").hint())
                .isEqualTo("Cannot create epic during active sprint. Use /sprint pause first.");
        assertThat(run(machineIn(IDLE), "/feedback \"x\"").hint()).isEqualTo("Try it in state SPRINT_REVIEW.");
    }

    @Test
    void theHappyPathWalksTheWholeSprint() {
        WorkflowMachine machine = new WorkflowMachine("default");
        for (String typed : List.of("/epic \"Build login\"", "/story add E1 \"Sign in\"", "/story update S1 priority high",
                "/sprint plan", "/sprint start", "/sprint pause", "/sprint resume")) {
            assertThat(run(machine, typed).ok()).as(typed).isTrue();
        }
        assertThat(machine.signal("all_tasks_complete", NOW).ok()).isTrue();
        assertThat(machine.state()).isEqualTo(SPRINT_REVIEW);
        assertThat(run(machine, "/feedback \"well done\"").ok()).isTrue();
        assertThat(machine.state()).isEqualTo(IDLE);
        assertThat(machine.history()).extracting(Transition::to).containsExactly(
                BACKLOG_READY, SPRINT_PLANNED, SPRINT_ACTIVE, SPRINT_PAUSED, SPRINT_ACTIVE, SPRINT_REVIEW, IDLE);
        assertThat(machine.history().get(0).by()).isEqualTo("alice");
    }

    @Test
    void threeCiFailuresInARowBlockAndASuggestedFixUnblocks() {
        WorkflowMachine machine = machineIn(SPRINT_ACTIVE);
        machine.signal("ci_failed", NOW);
        machine.signal("ci_passed", NOW);
        machine.signal("ci_failed", NOW);
        machine.signal("ci_failed", NOW);
        assertThat(machine.state()).isEqualTo(SPRINT_ACTIVE);
        Outcome third = machine.signal("ci_failed", NOW);
        assertThat(machine.state()).isEqualTo(BLOCKED);
        assertThat(third.transitions()).extracting(Transition::command).containsExactly("signal ci_failed");
        assertThat(run(machine, "/suggest_fix \"pin the driver\"").ok()).isTrue();
        assertThat(machine.state()).isEqualTo(SPRINT_ACTIVE);
        assertThat(run(machine, "/suggest_fix").ok()).isFalse(); // not allowed in SPRINT_ACTIVE anyway
    }

    @Test
    void tddCyclesWalkFromDesignToCommitAndHoldTheReview() {
        WorkflowMachine machine = machineIn(SPRINT_ACTIVE);
        assertThat(run(machine, "/tdd start S1").tddTransitions()).extracting(TddTransition::to)
                .containsExactly(TddState.DESIGN);
        List<TddState> walked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            walked.add(run(machine, "/tdd next S1").tddTransitions().get(0).to());
        }
        assertThat(walked).containsExactly(TddState.TEST_RED, TddState.CODE_GREEN, TddState.REFACTOR, TddState.COMMIT);

        machine.tddReport("S2", "test_red", NOW);
        assertThat(machine.cycles()).containsEntry("S2", TddState.TEST_RED);
        assertThat(machine.signal("all_tasks_complete", NOW).ok()).isFalse();
        assertThat(machine.state()).isEqualTo(SPRINT_ACTIVE);
        Outcome refused = run(machine, "/sprint end");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("still open: S2").contains("/sprint end --force");
        assertThat(machine.state()).isEqualTo(SPRINT_ACTIVE);
        Outcome end = run(machine, "/sprint end --force");
        assertThat(end.ok()).isTrue();
        assertThat(end.message()).contains("still open: S2");
        assertThat(machine.tddReport("S3", "DANCING", NOW).ok()).isFalse();
    }

    @Test
    void unknownCommandsGetCloseSuggestions() {
        Outcome outcome = run(machineIn(IDLE), "/sprnt plan");
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).isEqualTo("Unknown command: /sprnt");
        assertThat(outcome.hint()).contains("/sprint");
        assertThat(run(machineIn(IDLE), "/zzzzzzzzzz").hint()).contains("/help");
    }

    @Test
    void theHistoryKeepsTheLastTwentyTransitions() {
        WorkflowMachine machine = machineIn(BACKLOG_READY);
        for (int i = 0; i < 30; i++) {
            run(machine, "/epic \"epic " + i + "\"");
        }
        assertThat(machine.history()).hasSize(20);
        assertThat(machine.items().epics()).hasSize(31); // and the seed
    }

    @Test
    void modeAndBacklogCommandsChangeNoState() {
        WorkflowMachine machine = machineIn(BACKLOG_READY);
        assertThat(run(machine, "/mode learning").ok()).isTrue();
        assertThat(machine.mode()).isEqualTo("learning");
        assertThat(run(machine, "/mode chaos").ok()).isFalse();
        run(machine, "/backlog add_story \"Reset password\"");
        run(machine, "/backlog add_story \"Sign up\"");
        run(machine, "/backlog prioritize 3"); // the third listed: after the seed (top) and Reset password
        assertThat(machine.items().backlog()).extracting(Story::title).containsExactly("Seed story", "Sign up", "Reset password");
        assertThat(run(machine, "/backlog remove 9").ok()).isFalse();
        assertThat(machine.state()).isEqualTo(BACKLOG_READY);
        assertThat(run(machine, "/state").message()).contains("▶ BACKLOG_READY").contains("/sprint plan");
    }

    /**
     * A machine put in a state by restoring it, as a snapshot would, with what that state has:
     * an epic E1 with a top story S1, and from SPRINT_PLANNED on a sprint of S1.
     */
    private static WorkflowMachine machineIn(ProjectState state) {
        WorkflowMachine machine = new WorkflowMachine("default");
        run(machine, "/epic \"Seed\"");
        run(machine, "/story add E1 \"Seed story\"");
        run(machine, "/story update S1 priority top");
        if (state != IDLE && state != BACKLOG_READY) {
            assertThat(run(machine, "/sprint plan 1w S1").ok()).isTrue();
            if (state != SPRINT_PLANNED) {
                assertThat(run(machine, "/sprint start").ok()).isTrue();
            }
        }
        machine.restore(state, "strict", 0, Map.of(), List.of());
        return machine;
    }

    private static Outcome run(WorkflowMachine machine, String typed) {
        List<String> words = split(typed);
        return machine.command(words.get(0), words.subList(1, words.size()), "alice", NOW);
    }

    private static List<String> split(String typed) {
        List<String> words = new ArrayList<>();
        String[] quoted = typed.split("\"");
        for (int i = 0; i < quoted.length; i++) {
            if (i % 2 == 1) {
                words.add(quoted[i]);
            } else {
                words.addAll(Arrays.stream(quoted[i].trim().split("\\s+")).filter(word -> !word.isEmpty()).toList());
            }
        }
        return words;
    }
}
