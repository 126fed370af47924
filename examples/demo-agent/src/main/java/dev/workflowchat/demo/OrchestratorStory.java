package dev.workflowchat.demo;

import dev.workflowchat.agent.ApprovalRequest;
import dev.workflowchat.agent.Decision;
import java.util.List;
import java.util.Map;

/** Plans the sprint, asks to move the workflow on, and to run the team in parallel. */
final class OrchestratorStory implements Storyline {

    @Override
    public void playRound(TeamMember me, int round) throws InterruptedException {
        me.status("busy", "Plan sprint " + round, "reading the backlog");
        me.activity("Plan sprint " + round, "started");
        // the workflow moves for real: an epic for the backlog (from IDLE or BACKLOG_READY), then the plan
        me.command("/epic", "Sign in with OAuth, round " + round);
        me.command("/sprint", "plan");
        me.say("🎭 Morning, team! Sprint **" + round + "** goal: *Sign in with OAuth*.\n\n"
                + "- @code: the token exchange\n- @design: the sign-in screen\n- @qa: the regression suite");
        me.beat();

        Decision start = me.ask(ApprovalRequest.STATE_TRANSITION, "Start sprint " + round, Map.of(
                "from", "BACKLOG_READY", "to", "SPRINT_ACTIVE",
                "reason", "3 stories estimated, nothing blocked"));
        me.say(Scripts.reaction(start, "Moving the workflow to **SPRINT_ACTIVE**."));
        if (start.mayProceed()) {
            me.command("/sprint", "start");
        }
        me.beat();

        List<Map<String, String>> tasks = List.of(
                Map.of("agent", "code", "task", "Token exchange endpoint"),
                Map.of("agent", "design", "task", "Sign-in screen"),
                Map.of("agent", "qa", "task", "OAuth regression tests"));
        Decision parallel = me.ask(ApprovalRequest.PARALLEL_EXECUTION, "Run sprint " + round + " work in parallel",
                Map.of("tasks", tasks));
        int count = parallel.modifications() != null && parallel.modifications().get("tasks") instanceof List<?> changed
                ? changed.size() : tasks.size();
        me.say(Scripts.reaction(parallel, "Starting " + count + " tasks in parallel."));
        me.status("online", "Coordinate sprint " + round, "watching the team");
        me.beats(6);

        me.say("📊 Sprint **" + round + "** check-in:\n\n| agent | status |\n|---|---|\n"
                + "| 💻 code | token exchange in review |\n| 📐 design | screen ready |\n| 🧪 qa | suite green |");
        me.status("idle", "Sprint " + round + " review", null);
        me.activity("Plan sprint " + round, "completed");
        if (start.mayProceed()) {
            me.command("/sprint", "end");
            me.command("/feedback", "Round " + round + " done; the demo carries on");
        }
        me.beats(3);
    }
}
