package dev.workflowchat.state.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Epics, stories and the backlog through the commands people type: what they keep, and what they refuse. */
class WorkItemCommandsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String LONG = "x".repeat(10_000);

    @Test
    void anEpicKeepsItsTitleAndDescriptionApart() {
        WorkflowMachine machine = new WorkflowMachine("p");
        Outcome created = run(machine, List.of("/epic", "Build login", "with OAuth"));
        assertThat(created.ok()).isTrue();
        assertThat(created.message()).contains("Epic added: E1 Build login");
        assertThat(machine.state()).isEqualTo(ProjectState.BACKLOG_READY);
        Epic epic = machine.items().epic("e1").orElseThrow();
        assertThat(epic.title()).isEqualTo("Build login");
        assertThat(epic.description()).isEqualTo("with OAuth");
        assertThat(epic.createdBy()).isEqualTo("alice");
        assertThat(run(machine, List.of("/epic", "Reports")).message()).contains("E2 Reports");
    }

    @Test
    void epicsAreListedShownUpdatedAndClosed() {
        WorkflowMachine machine = seeded();
        assertThat(run(machine, List.of("/epic", "list")).message()).contains("E1 Build login · 2 stories").contains("E2 Reports");
        assertThat(run(machine, List.of("/epic", "show", "e1")).message())
                .contains("**E1 Build login** (open)").contains("with OAuth").contains("S1 Reset password").contains("S2 Sign up");
        assertThat(run(machine, List.of("/epic", "update", "E1", "title", "Sign in")).ok()).isTrue();
        assertThat(run(machine, List.of("/epic", "update", "E1", "description", "passkeys too")).ok()).isTrue();
        assertThat(machine.items().epic("E1").orElseThrow()).extracting(Epic::title, Epic::description)
                .containsExactly("Sign in", "passkeys too");
        assertThat(run(machine, List.of("/epic", "close", "E2")).message()).isEqualTo("Epic E2 closed: Reports");
        assertThat(machine.items().epic("E2").orElseThrow().closed()).isTrue();
        assertThat(run(machine, List.of("/epic", "close", "E2")).message()).contains("closed already");
        // a closed epic's title may be used again, and it takes no new stories
        assertThat(run(machine, List.of("/epic", "Reports")).ok()).isTrue();
        assertThat(run(machine, List.of("/story", "add", "E2", "Monthly")).message()).contains("closed");
    }

    @Test
    void storiesCarryPriorityPointsStatusCriteriaAndAssignee() {
        WorkflowMachine machine = seeded();
        assertThat(run(machine, List.of("/story", "update", "S2", "priority", "top")).ok()).isTrue();
        assertThat(run(machine, List.of("/story", "update", "s2", "points", "5")).ok()).isTrue();
        assertThat(run(machine, List.of("/story", "update", "S2", "assignee", "agent:code")).ok()).isTrue();
        assertThat(run(machine, List.of("/story", "update", "S2", "criteria", "a new user can log in")).ok()).isTrue();
        assertThat(run(machine, List.of("/story", "update", "S2", "status", "review")).ok()).isTrue();
        Story story = machine.items().story("S2").orElseThrow();
        assertThat(story).extracting(Story::priority, Story::points, Story::assignee, Story::criteria, Story::status)
                .containsExactly(Priority.TOP, 5, "code", "a new user can log in", StoryStatus.REVIEW);
        assertThat(run(machine, List.of("/story", "show", "S2")).message())
                .contains("**S2 Sign up**").contains("priority top").contains("5 points").contains("assigned to code")
                .contains("Acceptance criteria: a new user can log in");
        assertThat(run(machine, List.of("/story", "update", "S2", "assignee", "none")).ok()).isTrue();
        assertThat(machine.items().story("S2").orElseThrow().assignee()).isNull();
    }

    @Test
    void theBacklogListsOpenStoriesMostUrgentFirstAndKeepsItsOldForms() {
        WorkflowMachine machine = seeded();
        run(machine, List.of("/backlog", "add_story", "Export CSV"));
        run(machine, List.of("/backlog", "prioritize", "S3", "high"));
        assertThat(machine.items().backlog()).extracting(Story::id).containsExactly("S3", "S1", "S2");
        run(machine, List.of("/backlog", "prioritize", "3")); // the old form: the third listed goes to the top
        assertThat(machine.items().backlog()).extracting(Story::id).containsExactly("S2", "S3", "S1");
        assertThat(run(machine, List.of("/backlog", "view")).message())
                .startsWith("**Backlog**\n1. S2 Sign up · top").contains("3. S1 Reset password · medium");
        run(machine, List.of("/story", "update", "S2", "status", "done"));
        assertThat(machine.items().backlog()).extracting(Story::id).containsExactly("S3", "S1");
        assertThat(run(machine, List.of("/backlog", "remove", "S3")).message()).isEqualTo("Removed: S3 Export CSV");
        assertThat(machine.items().story("S3")).isEmpty();
    }

    @Test
    void aStoryInATddCycleCannotBeRemoved() {
        WorkflowMachine machine = seeded();
        machine.tddReport("S1", "TEST_RED", NOW);
        assertThat(run(machine, List.of("/story", "remove", "S1")).message()).contains("being worked on");
        assertThat(machine.items().story("S1")).isPresent();
    }

    @Test
    void idsBelongToTheirProject() {
        WorkflowMachine other = new WorkflowMachine("other");
        seeded();
        assertThat(run(other, List.of("/epic", "show", "E1")).message()).isEqualTo("No epic E1 in this project.");
        assertThat(run(other, List.of("/story", "show", "S1")).ok()).isFalse();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(List.of("/epic"), "needs a title"),
                Arguments.of(List.of("/epic", "Build", "login", "now"), "in quotes"),
                Arguments.of(List.of("/epic", LONG), "at most 200 characters"),
                Arguments.of(List.of("/epic", "Bell\u0007"), "control characters"),
                Arguments.of(List.of("/epic", "Two\nlines"), "control characters"),
                Arguments.of(List.of("/epic", "New", LONG), "at most 4000 characters"),
                Arguments.of(List.of("/epic", "build LOGIN"), "open epic with that title already: E1"),
                Arguments.of(List.of("/epic", "show"), "Name the epic"),
                Arguments.of(List.of("/epic", "show", "E99"), "No epic E99"),
                Arguments.of(List.of("/epic", "show", "S1"), "No epic S1"),
                Arguments.of(List.of("/epic", "list", "all"), "takes nothing more"),
                Arguments.of(List.of("/epic", "update", "E1", "colour", "red"), "title or description"),
                Arguments.of(List.of("/epic", "update", "E1", "title"), "Say what changes"),
                Arguments.of(List.of("/epic", "update", "E9", "title", "x"), "No epic E9"),
                Arguments.of(List.of("/epic", "update", "E1", "title", "Reports"), "title already"),
                Arguments.of(List.of("/epic", "close", "E99"), "No epic E99"),
                Arguments.of(List.of("/story"), "Say what to do"),
                Arguments.of(List.of("/story", "fly"), "Unknown story action: fly"),
                Arguments.of(List.of("/story", "add", "E1"), "needs an epic and a title"),
                Arguments.of(List.of("/story", "add", "E99", "Orphan"), "No epic E99"),
                Arguments.of(List.of("/story", "add", "E1", "reset PASSWORD"), "open story with that title already: S1"),
                Arguments.of(List.of("/story", "add", "E1", LONG), "at most 200"),
                Arguments.of(List.of("/story", "show", "S99"), "No story S99"),
                Arguments.of(List.of("/story", "update", "S1", "priority", "urgent"), "top, high, medium, low"),
                Arguments.of(List.of("/story", "update", "S1", "points", "-1"), "0 to 100"),
                Arguments.of(List.of("/story", "update", "S1", "points", "1000"), "0 to 100"),
                Arguments.of(List.of("/story", "update", "S1", "points", "many"), "0 to 100"),
                Arguments.of(List.of("/story", "update", "S1", "assignee", "Bad Name"), "agent's name"),
                Arguments.of(List.of("/story", "update", "S1", "status", "flying"), "Status is one of"),
                Arguments.of(List.of("/story", "update", "S1", "colour", "red"), "can be changed, not colour"),
                Arguments.of(List.of("/story", "update", "S1", "title", "Bell\u0007"), "control characters"),
                Arguments.of(List.of("/story", "update", "S99", "points", "3"), "No story S99"),
                Arguments.of(List.of("/story", "remove", "S99"), "No story S99"),
                Arguments.of(List.of("/backlog", "shuffle"), "Unknown backlog action"),
                Arguments.of(List.of("/backlog", "prioritize", "S1", "urgent"), "top, high, medium, low"),
                Arguments.of(List.of("/backlog", "prioritize"), "Say the story"),
                Arguments.of(List.of("/backlog", "add_story"), "needs a title"),
                Arguments.of(List.of("/backlog", "add_story", "E99", "x"), "No epic E99"),
                Arguments.of(List.of("/backlog", "remove", "9"), "No story 9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void badArgumentsAreAnsweredWithTheUsageAndChangeNothing(List<String> typed, String why) {
        WorkflowMachine machine = seeded();
        List<Epic> epics = machine.items().epics();
        List<Story> stories = machine.items().stories();
        ProjectState state = machine.state();
        Outcome outcome = run(machine, typed);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains(why);
        assertThat(outcome.hint()).isNotBlank();
        assertThat(machine.items().epics()).isEqualTo(epics);
        assertThat(machine.items().stories()).isEqualTo(stories);
        assertThat(machine.state()).isEqualTo(state);
        assertThat(outcome.transitions()).isEmpty();
    }

    @Test
    void subCommandsOfEpicWorkInEveryStateButCreatingOneDoesNot() {
        WorkflowMachine machine = seeded();
        machine.restore(ProjectState.SPRINT_ACTIVE, "strict", 0, Map.of(), List.of());
        assertThat(run(machine, List.of("/epic", "list")).ok()).isTrue();
        assertThat(run(machine, List.of("/story", "add", "E1", "During the sprint")).ok()).isTrue();
        assertThat(run(machine, List.of("/epic", "Mid-sprint")).hint()).contains("Cannot create epic during active sprint");
    }

    /** Epics E1 "Build login" (with S1 "Reset password", S2 "Sign up") and E2 "Reports". */
    private static WorkflowMachine seeded() {
        WorkflowMachine machine = new WorkflowMachine("p");
        run(machine, List.of("/epic", "Build login", "with OAuth"));
        run(machine, List.of("/epic", "Reports"));
        run(machine, List.of("/story", "add", "E1", "Reset password", "a link by email"));
        run(machine, List.of("/story", "add", "E1", "Sign up"));
        assertThat(machine.items().stories()).hasSize(2);
        return machine;
    }

    private static Outcome run(WorkflowMachine machine, List<String> words) {
        return machine.command(words.get(0), words.subList(1, words.size()), "alice", NOW);
    }
}
