package dev.workflowchat.state.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A sprint's life through the commands: plan, guards, pauses with reasons, the review and the history. */
class SprintCommandsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aSprintIsPlannedWithItsLengthStoriesAndGoalAndLivesToItsReview() {
        WorkflowMachine machine = backlog();
        Outcome planned = run(machine, "/sprint", "plan", "2w", "S1", "s2", "Sign-in works");
        assertThat(planned.ok()).as(planned.message()).isTrue();
        assertThat(planned.message()).contains("Sprint 1 planned: 14 days, 2 stories (S1, S2), 5 points. Goal: Sign-in works");
        Sprint sprint = machine.sprints().current().orElseThrow();
        assertThat(sprint.days()).isEqualTo(14);
        assertThat(sprint.goal()).isEqualTo("Sign-in works");
        assertThat(machine.items().story("S1").orElseThrow().status()).isEqualTo(StoryStatus.PLANNED);
        assertThat(planned.transitions().get(0).note()).contains("Sprint 1 planned");

        assertThat(run(machine, "/sprint", "start").ok()).isTrue();
        Outcome paused = run(machine, "/sprint", "pause", "waiting on API keys");
        assertThat(paused.message()).contains("Paused by alice: waiting on API keys");
        assertThat(run(machine, "/sprint", "status").message()).contains("Paused by alice").contains("waiting on API keys");
        assertThat(run(machine, "/resume").ok()).isTrue();
        assertThat(machine.sprints().current().orElseThrow().pauses()).singleElement()
                .satisfies(pause -> assertThat(pause.resumedAt()).isEqualTo(NOW));

        machine.tddReport("S1", "DESIGN", NOW);
        machine.tddReport("S1", "COMMIT", new dev.workflowchat.protocol.event.TddEvidence(12, 0, 0, "abc1234", "passed", null),
                "agent:code", NOW);
        assertThat(machine.items().story("S1").orElseThrow().status()).isEqualTo(StoryStatus.REVIEW);
        machine.signal("ci_failed", NOW);
        assertThat(run(machine, "/sprint", "status").message()).contains("day 1 of 14").contains("3 of 5 points done")
                .contains("review: S1").contains("planned: S2");

        Outcome ended = run(machine, "/sprint", "end");
        assertThat(ended.ok()).isTrue();
        assertThat(ended.message()).contains("**Sprint 1 review** · goal: Sign-in works")
                .contains("Done (3 of 5 points): S1 Reset password")
                .contains("Not done, back to the backlog: S2 Sign up (planned)")
                .contains("TDD cycles completed: 1").contains("CI failures: 1").contains("Pauses: alice (waiting on API keys)");
        assertThat(machine.items().story("S2").orElseThrow().status()).isEqualTo(StoryStatus.BACKLOG);
        assertThat(run(machine, "/feedback", "good first sprint").ok()).isTrue();
        assertThat(machine.items().story("S1").orElseThrow().status()).isEqualTo(StoryStatus.DONE);
        assertThat(run(machine, "/sprint", "history").message())
                .contains("Sprint 1 · 14 days · Sign-in works · planned 5 points, done 3 · 1 of 2 stories · feedback: good first sprint");
    }

    @Test
    void withoutIdsAFirstSprintTakesTheUrgentStoriesAndALaterOneWhatFitsTheVelocity() {
        WorkflowMachine machine = backlog();
        assertThat(run(machine, "/sprint", "plan", "1w").message()).contains("1 stories (S1)");
        run(machine, "/sprint", "start");
        machine.tddReport("S1", "COMMIT", new dev.workflowchat.protocol.event.TddEvidence(3, 0, null, null, null, null), null, NOW);
        run(machine, "/sprint", "end");
        run(machine, "/request_changes", "more edge cases");
        // velocity 3: S1 (back, 3) fits, S2 (2) no longer does
        assertThat(machine.items().story("S1").orElseThrow().status()).isEqualTo(StoryStatus.BACKLOG);
        assertThat(run(machine, "/sprint", "plan", "10d").message()).contains("(S1)").contains("10 days");
    }

    @Test
    void twoPlansAtOnceMakeOnePlan() {
        WorkflowMachine machine = backlog();
        assertThat(run(machine, "/sprint", "plan", "1w", "S1").ok()).isTrue();
        Outcome second = run(machine, "/sprint", "plan", "1w", "S2");
        assertThat(second.ok()).isFalse();
        assertThat(second.hint()).isEqualTo("A sprint is already planned. Use /sprint start or /sprint status.");
        assertThat(machine.sprints().all()).hasSize(1);
    }

    @Test
    void aSprintWithOpenCyclesEndsOnlyWhenForced() {
        WorkflowMachine machine = backlog();
        run(machine, "/sprint", "plan", "1w", "S1");
        run(machine, "/sprint", "start");
        run(machine, "/tdd", "start", "S1");
        Outcome refused = run(machine, "/sprint", "end");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("still open: S1").contains("/sprint end --force");
        assertThat(machine.state()).isEqualTo(ProjectState.SPRINT_ACTIVE);
        assertThat(run(machine, "/sprint", "end", "--force").message()).contains("still open: S1");
        assertThat(machine.state()).isEqualTo(ProjectState.SPRINT_REVIEW);
    }

    static Stream<Arguments> refusedPlans() {
        return Stream.of(
                Arguments.of(List.of("0d", "S1"), "1 day to 60 days"),
                Arguments.of(List.of("99w", "S1"), "1 day to 60 days"),
                Arguments.of(List.of("99y"), "10d or 2w"),
                Arguments.of(List.of("2w", "S99"), "No story S99"),
                Arguments.of(List.of("2w", "S1", "E1", "goal"), "Not a story id: E1"),
                Arguments.of(List.of("2w", "S1", "x".repeat(10_000)), "A goal is at most 200"),
                Arguments.of(List.of("2w", "S1", "bell\u0007"), "control characters"),
                Arguments.of(List.of("2w", "S3"), "S3 is done, not in the backlog"));
    }

    @ParameterizedTest(name = "/sprint plan {0}")
    @MethodSource("refusedPlans")
    void aBadPlanIsAnsweredWithTheUsageAndChangesNothing(List<String> args, String why) {
        WorkflowMachine machine = backlog();
        run(machine, "/story", "add", "E1", "Finished");
        run(machine, "/story", "update", "S3", "status", "done");
        List<Story> stories = machine.items().stories();
        Outcome outcome = machine.command("/sprint", Stream.concat(Stream.of("plan"), args.stream()).toList(), "alice", NOW);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains(why);
        assertThat(outcome.hint()).contains("/sprint plan");
        assertThat(machine.items().stories()).isEqualTo(stories);
        assertThat(machine.sprints().all()).isEmpty();
        assertThat(machine.state()).isEqualTo(ProjectState.BACKLOG_READY);
    }

    @Test
    void aSprintStartsOnlyWithStoriesPlanned() {
        WorkflowMachine machine = new WorkflowMachine("p");
        machine.restore(ProjectState.SPRINT_PLANNED, "strict", 0, java.util.Map.of(), List.of());
        Outcome refused = run(machine, "/sprint", "start");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).isEqualTo("No stories planned. Use /sprint plan <duration> S1 S2 …");
        assertThat(machine.state()).isEqualTo(ProjectState.SPRINT_PLANNED);
    }

    /** E1 with S1 "Reset password" (high, 3 points) and S2 "Sign up" (medium, 2 points). */
    private static WorkflowMachine backlog() {
        WorkflowMachine machine = new WorkflowMachine("p");
        run(machine, "/epic", "Build login");
        run(machine, "/story", "add", "E1", "Reset password");
        run(machine, "/story", "add", "E1", "Sign up");
        run(machine, "/story", "update", "S1", "priority", "high");
        run(machine, "/story", "update", "S1", "points", "3");
        run(machine, "/story", "update", "S2", "points", "2");
        return machine;
    }

    private static Outcome run(WorkflowMachine machine, String command, String... args) {
        return machine.command(command, List.of(args), "alice", NOW);
    }
}
