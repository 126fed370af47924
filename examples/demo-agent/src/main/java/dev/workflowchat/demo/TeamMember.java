package dev.workflowchat.demo;

import dev.workflowchat.agent.AgentClient;
import dev.workflowchat.agent.AgentEvent;
import dev.workflowchat.agent.ApprovalRequest;
import dev.workflowchat.agent.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Logger;

/** One agent of the demo team: speaks, reports status, asks for decisions, follows /assign and answers DMs. */
final class TeamMember implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TeamMember.class.getName());
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** The chat announces the expiry itself; this is only for a chat that is not running at all. */
    private static final Duration DECISION_GRACE = Duration.ofSeconds(30);

    private final AgentClient client;
    private final DemoConfig config;
    private final Pace pace;
    private final BlockingQueue<AgentEvent.TaskAssigned> tasks = new LinkedBlockingQueue<>();
    private final Set<String> openApprovals = ConcurrentHashMap.newKeySet();
    private volatile String currentTask = "getting started";

    TeamMember(AgentClient client, DemoConfig config) {
        this.client = client;
        this.config = config;
        this.pace = new Pace(config.pace());
    }

    String name() {
        return client.agent();
    }

    void startListening() {
        client.listen(this::onEvent);
    }

    /** Posts in the demo's channel. */
    void say(String markdown) {
        say(config.channel(), markdown);
    }

    void say(String channel, String markdown) {
        client.post(channel, markdown).await().atMost(SEND_TIMEOUT);
    }

    /** Runs a workflow command as this agent; the transition shows in #workflow and in every browser. */
    void command(String command, String... args) {
        client.command(command, List.of(args)).await().atMost(SEND_TIMEOUT);
    }

    /** Reports what this agent is doing on the workflow's activity board. */
    void activity(String action, String status) {
        client.activity(action, status, null).await().atMost(SEND_TIMEOUT);
    }

    void status(String status, String task, String detail) {
        if (task != null) {
            currentTask = task;
        }
        client.status(status, task, detail).await().atMost(SEND_TIMEOUT);
    }

    /** Asks, waits for the decision, and says nothing yet: the storyline reacts to it. */
    Decision ask(String requestType, String title, Map<String, ?> payload) {
        ApprovalRequest request = ApprovalRequest.of(requestType, title, payload, config.approvalExpiry());
        // Kept until a decision comes (not in a finally): a stop mid-wait must still withdraw it.
        openApprovals.add(request.id());
        status("idle", currentTask, "waiting for a decision on \"" + title + "\" (" + request.id() + ")");
        Decision decision = client.requestApproval(request)
                .await().atMost(config.approvalExpiry().plus(DECISION_GRACE));
        openApprovals.remove(request.id());
        return decision;
    }

    /** A beat of the pace, then whatever /assign gave this agent meanwhile. */
    void beat() throws InterruptedException {
        pace.beat();
        AgentEvent.TaskAssigned task;
        while ((task = tasks.poll()) != null) {
            work(task);
        }
    }

    void beats(double count) throws InterruptedException {
        pace.beats(count);
    }

    /** Withdraws what is still waiting for a person and goes offline. */
    void signOff() {
        for (String id : openApprovals) {
            quietly(() -> client.cancel(id, "the demo agent stopped").await().atMost(Duration.ofSeconds(2)));
        }
        quietly(() -> client.status("offline", null, "the demo stopped").await().atMost(Duration.ofSeconds(2)));
    }

    @Override
    public void close() {
        client.close();
    }

    private void work(AgentEvent.TaskAssigned task) throws InterruptedException {
        status("busy", task.task(), "assigned by " + task.assignedBy());
        say(channelOf(task), Scripts.workingOn(name(), task.task()));
        beat();
        say(channelOf(task), Scripts.doneWith(name(), task.task(), task.assignedBy()));
        status("online", null, null);
    }

    /** Runs on the client's event thread: answer at once, leave the work to the storyline's thread. */
    private void onEvent(AgentEvent event) {
        if (event instanceof AgentEvent.TaskAssigned task) {
            tasks.add(task);
            say(channelOf(task), "📋 On it, @" + task.assignedBy() + ": *" + task.task() + "*. I'll start after my current step.");
        } else if (event instanceof AgentEvent.DirectMessage direct && "user".equals(direct.authorType())) {
            // Only people get answers: two agents mentioning each other would talk forever.
            say(direct.channel(), Scripts.reply(name(), currentTask, direct.authorId(), direct.content()));
        } else if (event instanceof AgentEvent.ApprovalDecided decided) {
            LOG.fine(() -> name() + " heard the decision on " + decided.decision().approvalId());
        }
    }

    private String channelOf(AgentEvent.TaskAssigned task) {
        return task.channel() == null ? config.channel() : task.channel();
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warning("while signing off: " + e.getMessage());
        }
    }
}
