package dev.workflowchat.state.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.protocol.event.TddEvidence;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TDD cycles with evidence: contradictions refused in strict mode, warned about in the others; overview and logs. */
class TddEvidenceTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final TddEvidence TWO_FAILING = new TddEvidence(10, 2, 1, "0123abcd", "failed", "https://ci.example/1");
    private static final TddEvidence NONE_FAILING = new TddEvidence(12, 0, 0, null, null, null);

    @Test
    void strictModeRefusesEvidenceThatContradictsThePhase() {
        WorkflowMachine machine = project("strict");
        Outcome green = machine.tddReport("S1", "CODE_GREEN", TWO_FAILING, "agent:code", NOW);
        assertThat(green.ok()).isFalse();
        assertThat(green.message()).isEqualTo("Refused in strict mode: CODE_GREEN reported with 2 failing tests.");
        Outcome red = machine.tddReport("S1", "TEST_RED", NONE_FAILING, "agent:code", NOW);
        assertThat(red.message()).contains("TEST_RED reported with no failing test");
        assertThat(machine.cycles()).isEmpty();
        assertThat(machine.tddReport("S1", "TEST_RED", TWO_FAILING, "agent:code", NOW).ok()).isTrue();
        assertThat(machine.tddReport("S1", "CODE_GREEN", NONE_FAILING, "agent:code", NOW).ok()).isTrue();
    }

    @Test
    void otherModesTakeItWithAWarningThatIsKept() {
        WorkflowMachine machine = project("rapid");
        Outcome green = machine.tddReport("S1", "CODE_GREEN", TWO_FAILING, "agent:code", NOW);
        assertThat(green.ok()).isTrue();
        assertThat(green.message()).contains("⚠ CODE_GREEN reported with 2 failing tests (accepted in rapid mode)");
        TddTransition moved = green.tddTransitions().get(0);
        assertThat(moved.warning()).isEqualTo("CODE_GREEN reported with 2 failing tests (accepted in rapid mode)");
        assertThat(moved.by()).isEqualTo("agent:code");
        assertThat(machine.command("/tdd", List.of("logs", "s1"), "alice", NOW).message())
                .contains("**TDD cycle of S1**").contains("CODE_GREEN by agent:code · tests 10 passed, 2 failed, 1 skipped")
                .contains("commit 0123abcd").contains("CI failed").contains("https://ci.example/1").contains("⚠ CODE_GREEN");
    }

    @Test
    void theOverviewShowsEveryOpenCycleWithItsLastTestsAndCommitWithPassingTestsMeansReview() {
        WorkflowMachine machine = project("strict");
        machine.command("/story", List.of("add", "E1", "Sign up"), "alice", NOW);
        machine.tddReport("S1", "TEST_RED", TWO_FAILING, "agent:qa", NOW);
        assertThat(machine.command("/tdd", List.of("start", "S2"), "alice", NOW).ok()).isTrue();
        assertThat(machine.items().story("S2").orElseThrow().status()).isEqualTo(StoryStatus.IN_PROGRESS);
        assertThat(machine.command("/tdd", List.of("overview"), "alice", NOW).message())
                .contains("- S1 Reset password: TEST_RED since 2026-12-03T10:00:00Z · last tests: 10 passed, 2 failed")
                .contains("- S2 Sign up: DESIGN").contains("no test result yet");
        machine.tddReport("S1", "COMMIT", NONE_FAILING, "agent:code", NOW);
        assertThat(machine.items().story("S1").orElseThrow().status()).isEqualTo(StoryStatus.REVIEW);
        assertThat(machine.command("/tdd", List.of("overview"), "alice", NOW).message()).doesNotContain("S1");
    }

    @Test
    void tddCommandsNameAStoryOfTheProject() {
        WorkflowMachine machine = project("strict");
        assertThat(machine.command("/tdd", List.of("start", "S9"), "alice", NOW).message()).isEqualTo("No story S9 in this project.");
        assertThat(machine.command("/tdd", List.of("logs", "S1"), "alice", NOW).ok()).isFalse();
        assertThat(machine.command("/tdd", List.of("start"), "alice", NOW).hint()).contains("/tdd overview");
        machine.command("/tdd", List.of("start", "S1"), "alice", NOW);
        assertThat(machine.command("/tdd", List.of("start", "s1"), "alice", NOW).message()).contains("in a TDD cycle already");
    }

    private static WorkflowMachine project(String mode) {
        WorkflowMachine machine = new WorkflowMachine("p");
        machine.command("/epic", List.of("Build login"), "alice", NOW);
        machine.command("/story", List.of("add", "E1", "Reset password"), "alice", NOW);
        machine.command("/mode", List.of(mode), "alice", NOW);
        machine.restore(ProjectState.SPRINT_ACTIVE, mode, 0, java.util.Map.of(), List.of());
        return machine;
    }
}
