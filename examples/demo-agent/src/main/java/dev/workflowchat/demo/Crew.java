package dev.workflowchat.demo;

import dev.workflowchat.agent.AgentClient;
import dev.workflowchat.agent.AgentOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/** The demo team: one connected agent and one storyline thread per role, started and stopped together. */
final class Crew {

    private static final Logger LOG = Logger.getLogger(Crew.class.getName());

    private final DemoConfig config;
    /** For the agents without a URL of their own; may be null when all have one. */
    private final String redisUri;
    private final List<TeamMember> members = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();

    Crew(DemoConfig config, String redisUri) {
        this.config = config;
        this.redisUri = redisUri;
    }

    /** Who plays what; the order staggers their first words. */
    static Map<String, Storyline> roles() {
        Map<String, Storyline> roles = new LinkedHashMap<>();
        roles.put("orchestrator", new OrchestratorStory());
        roles.put("design", new DesignStory());
        roles.put("code", new CodeStory());
        roles.put("qa", new QaStory());
        return roles;
    }

    /** Connects every agent (all or none: a refused login stops the demo before anyone speaks), then plays. */
    void start() {
        Map<String, AgentClient> clients = connectAll();
        running.set(true);
        int order = 0;
        for (Map.Entry<String, Storyline> role : roles().entrySet()) {
            TeamMember member = new TeamMember(clients.get(role.getKey()), config);
            members.add(member);
            member.startListening();
            member.status("online", null, "joined the demo");
            // Later members start a little later, so the channel reads like a conversation.
            long delay = order++ * config.pace().toMillis() / 2;
            Thread thread = new Thread(() -> play(member, role.getValue(), delay), "demo-" + role.getKey());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private Map<String, AgentClient> connectAll() {
        Map<String, AgentClient> clients = new LinkedHashMap<>();
        try {
            for (String agent : roles().keySet()) {
                clients.put(agent, AgentClient.connect(AgentOptions.of(config.redisUriOf(agent, redisUri), config.prefix(),
                        agent)));
            }
            return clients;
        } catch (RuntimeException e) {
            clients.values().forEach(AgentClient::close);
            throw e;
        }
    }

    /** Waits until every storyline has played its rounds (never, when the demo plays forever). */
    void awaitFinished() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    boolean isRunning() {
        return running.get();
    }

    /** Stops the storylines, withdraws open requests, goes offline and disconnects. */
    void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        members.forEach(TeamMember::signOff);
        members.forEach(TeamMember::close);
    }

    private void play(TeamMember member, Storyline story, long delayMillis) {
        try {
            Thread.sleep(delayMillis); // staggered starts, so the team doesn't all speak in the same second
            for (int round = 1; running.get() && (config.forever() || round <= config.rounds()); round++) {
                story.playRound(member, round);
                member.beat();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running.get()) {
                LOG.severe(member.name() + " stopped: " + e);
            }
        }
    }
}
