package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each request type's template shows what a person needs to decide. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalMessagesTest {

    @Inject
    ApprovalMessages messages;

    @Test
    void aCodeChangeShowsItsFilesAndTheDiffInAFencedBlock() {
        String diff = "--- a/auth.py\n+++ b/auth.py\n-    return False\n+    return check(token)\n# a ``` inside";
        String text = messages.render(approval("code_change", "Refactor auth",
                Map.of("files", List.of("auth.py", Map.of("path", "tests/test_auth.py")), "diff", diff,
                        "description", "Token check moves into one place")));
        assertThat(text).contains("Code change").contains("Refactor auth").contains("**code**")
                .contains("- `auth.py`").contains("- `tests/test_auth.py`")
                .contains("Token check moves into one place")
                .contains("````diff\n" + diff + "\n````")
                .contains("Waiting for a decision").contains("/approve ap-1");
    }

    @Test
    void aStateTransitionShowsFromToAndWhy() {
        String text = messages.render(approval("state_transition", "Start the sprint",
                Map.of("from", "SPRINT_PLANNED", "to", "SPRINT_ACTIVE", "reason", "all stories estimated")));
        assertThat(text).contains("**SPRINT_PLANNED** → **SPRINT_ACTIVE**").contains("Why: all stories estimated");
    }

    @Test
    void aParallelExecutionListsItsTasks() {
        String text = messages.render(approval("parallel_execution", "Run in parallel",
                Map.of("tasks", List.of("Write the API", Map.of("agent", "qa", "task", "Write the tests")))));
        assertThat(text).contains("1. Write the API").contains("2. qa: Write the tests");
    }

    @Test
    void aBatchShowsItsGroupedItems() {
        String text = messages.render(approval("batch_changes", "Dependency bumps",
                Map.of("groups", Map.of("Backend", List.of("quarkus 3.33.2"), "Frontend", List.of("lit 3.3.1")))));
        assertThat(text).contains("**Backend**\n- quarkus 3.33.2").contains("**Frontend**\n- lit 3.3.1");
    }

    @Test
    void aBatchItemThatIsAnObjectWithoutANameShowsItsFieldsNeverNull() {
        java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("file", "a.py");
        item.put("lines", 3);
        String text = messages.render(approval("batch_changes", "Tidy up",
                Map.of("items", List.of(item, Map.of("title", "Named item")))));
        assertThat(text).contains("- file: a.py, lines: 3").contains("- Named item").doesNotContain("- null");
    }

    @Test
    void anyOtherTypeShowsItsPayloadReadably() {
        String text = messages.render(approval("deploy", "Ship to staging", Map.of("env", "staging", "version", 42)));
        assertThat(text).contains("deploy").contains("Ship to staging").contains("```json")
                .contains("\"env\" : \"staging\"").contains("\"version\" : 42");
    }

    @Test
    void aDecidedApprovalShowsWhoWhenAndWhy() {
        Approval approval = approval("code_change", "Refactor auth", Map.of());
        approval.status = Approval.REJECTED;
        approval.decidedBy = "alice";
        approval.decidedAt = Instant.parse("2026-11-25T10:15:00Z");
        approval.comment = "tests are missing";
        assertThat(messages.render(approval))
                .contains("❌ **Rejected** by alice at 2026-11-25 10:15 UTC: tests are missing")
                .doesNotContain("Waiting");
        approval.status = Approval.APPROVED;
        approval.modifications = Map.of("files", List.of("auth.py"));
        assertThat(messages.render(approval)).contains("Approved with changes").contains("auth.py");
    }

    private static Approval approval(String type, String title, Map<String, Object> payload) {
        Approval approval = new Approval();
        approval.id = "ap-1";
        approval.requestType = type;
        approval.title = title;
        approval.payload = payload;
        approval.status = Approval.PENDING;
        approval.requestedBy = "code";
        approval.requestedAt = Instant.parse("2026-11-25T10:00:00Z");
        approval.expiresAt = Instant.parse("2026-11-25T10:30:00Z");
        approval.channel = "workflow";
        return approval;
    }
}
