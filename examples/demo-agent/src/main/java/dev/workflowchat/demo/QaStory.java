package dev.workflowchat.demo;

import dev.workflowchat.agent.ApprovalRequest;
import dev.workflowchat.agent.Decision;
import java.util.List;
import java.util.Map;

/** Runs the suite, reports the result, and asks to quarantine flaky tests. */
final class QaStory implements Storyline {

    @Override
    public void playRound(TeamMember me, int round) throws InterruptedException {
        me.status("busy", "OAuth regression tests", "running 142 tests");
        me.say("🧪 Regression suite queued (142 tests).");
        me.beats(2);
        me.say("Results:\n\n```text\nTests run: 142, Failures: 0, Errors: 0, Skipped: 3\n"
                + "Flaky: LoginIT.shouldRedirect (2 of 10 runs)\n```");
        me.beat();

        Decision quarantine = me.ask(ApprovalRequest.BATCH_CHANGES, "Quarantine flaky tests", Map.of(
                "groups", Map.of("quarantine", List.of("LoginIT.shouldRedirect"),
                        "fix next sprint", List.of("SessionIT.shouldExpire"))));
        me.say(Scripts.reaction(quarantine, "Moving them to the quarantine suite."));
        me.status("online", "Exploratory testing", "clicking through the sign-in screen");
        me.beats(5);
    }
}
