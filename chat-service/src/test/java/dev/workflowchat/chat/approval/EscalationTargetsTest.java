package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who an escalation reaches: the one named when they may decide, else every admin, never nobody. */
class EscalationTargetsTest {

    // the deciders ApprovalReminders passes: enabled approvers and admins
    private static final List<User> DECIDERS = List.of(user("zoe", "admin"), user("bob", "approver"), user("ann", "admin"));

    @Test
    void theNamedApproverAlone() {
        assertThat(ApprovalReminders.targets(escalatedTo("bob"), DECIDERS)).containsExactly("bob");
    }

    @Test
    void roleAdminIsEveryAdminInNameOrder() {
        assertThat(ApprovalReminders.targets(escalatedTo("role:admin"), DECIDERS)).containsExactly("ann", "zoe");
    }

    @Test
    void someoneWhoMayNotDecideFallsBackToTheAdmins() {
        // a member, a disabled approver (not among the deciders) or a typo: never an escalation to nobody
        for (String named : List.of("mia", "nobody", "")) {
            assertThat(ApprovalReminders.targets(escalatedTo(named), DECIDERS)).as(named).containsExactly("ann", "zoe");
        }
    }

    private static Approval escalatedTo(String who) {
        Approval approval = new Approval();
        approval.id = "a1";
        approval.escalateTo = who;
        return approval;
    }

    private static User user(String name, String role) {
        User user = new User();
        user.username = name;
        user.roles = new String[] {role};
        return user;
    }
}
