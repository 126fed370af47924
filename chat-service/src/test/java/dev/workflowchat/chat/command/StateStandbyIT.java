package dev.workflowchat.chat.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.PostgresEndpoint;
import dev.workflowchat.infra.RedisEndpoint;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two state-broadcasters, one leading and one standing by, while an agent keeps reporting on
 * {@code wfchat:state:in:stream}: the leader is killed (kill -9) and the standby takes over within
 * the bound; the new leader is then paused (SIGSTOP) past its lease, a third takes over, and the
 * paused one, woken, applies nothing and exits (3). Every report is applied exactly once.
 */
class StateStandbyIT {

    /** Issue 23's bound for a takeover (default lease 6 s); the test's lease is shorter. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, String> SHORT_LEASE = Map.of("WFCHAT_LEADER_LEASE", "2s",
            "WFCHAT_REDIS_CLAIM_IDLE", "3s", "WFCHAT_REDIS_TRIM_EVERY", "1s");

    @Test
    void theStandbyTakesOverAKilledOrPausedLeaderAndEveryReportIsAppliedOnce() throws Exception {
        try (TestRun run = TestRun.start()) {
            RedisEndpoint redis = run.redis();
            RedisNames names = new RedisNames(run.redisPrefix());
            StateBroadcasterProcess first = StateBroadcasterProcess.start(run, redis, SHORT_LEASE);
            StateBroadcasterProcess second = StateBroadcasterProcess.start(run, redis, SHORT_LEASE);
            StateBroadcasterProcess third = null;
            Reporter agent = Reporter.start(redis, names);
            try {
                assertThat(first.role()).isEqualTo("leader");
                await().atMost(WAIT).until(() -> "standby".equals(second.role()));
                awaitWritten(agent, 30);

                first.kill();
                long killed = System.nanoTime();
                await().atMost(TAKEOVER_BOUND).until(() -> "leader".equals(second.role()));
                System.out.printf("[state-standby] the standby leads %d ms after the leader was killed%n",
                        (System.nanoTime() - killed) / 1_000_000);
                awaitWritten(agent, agent.written() + 30);

                third = StateBroadcasterProcess.start(run, redis, SHORT_LEASE);
                StateBroadcasterProcess next = third;
                await().atMost(WAIT).until(() -> "standby".equals(next.role()));
                second.pause();
                long paused = System.nanoTime();
                await().atMost(TAKEOVER_BOUND).until(() -> "leader".equals(next.role()));
                System.out.printf("[state-standby] the standby leads %d ms after the leader was paused%n",
                        (System.nanoTime() - paused) / 1_000_000);
                awaitWritten(agent, agent.written() + 30);
                second.resume();
                await().atMost(WAIT).until(() -> !second.isAlive());
                assertThat(second.exitCode()).as("a leader that woke to find another leading").isEqualTo(3);
                assertThat(second.log()).contains("another state-broadcaster holds the lease");
                awaitWritten(agent, agent.written() + 10);
            } finally {
                agent.close();
                first.close();
                second.close();
            }
            try (StateBroadcasterProcess leader = third; RedisClient client = new RedisClient(redis.uri())) {
                List<String> stories = agent.stories();
                // what the paused leader had taken is read again by the new one after the claim-idle time
                await().atMost(WAIT).until(() -> pending(client, names) == 0 && reportsApplied(run.database()).size()
                        >= stories.size());
                Map<String, Integer> applied = reportsApplied(run.database());
                assertThat(applied.keySet()).containsExactlyInAnyOrderElementsOf(stories);
                assertThat(applied.values()).as("each report applied once").containsOnly(1);
                assertThat(leader.role()).isEqualTo("leader");
            }
        }
    }

    private static void awaitWritten(Reporter agent, int count) {
        await().atMost(WAIT).until(() -> agent.written() >= count);
    }

    private static long pending(RedisClient redis, RedisNames names) {
        return redis.command("XPENDING", names.stateInStream(), "state-broadcaster").get(0).toLong();
    }

    /** How many times each story's report is in the record (one tdd_events row per report applied). */
    private static Map<String, Integer> reportsApplied(PostgresEndpoint database) throws SQLException {
        Map<String, Integer> applied = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password() == null ? "" : database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT story_id, count(*) AS n FROM workflow.tdd_events "
                     + "WHERE story_id LIKE 'S-%' GROUP BY story_id")) {
            while (rows.next()) {
                applied.put(rows.getString("story_id"), rows.getInt("n"));
            }
        }
        return applied;
    }

    /** An agent reporting steadily: each entry a {@code tdd.report} of a story of its own, so each leaves one row. */
    private static final class Reporter implements AutoCloseable {

        private final RedisEndpoint endpoint;
        private final RedisNames names;
        private final List<String> stories = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        private Reporter(RedisEndpoint endpoint, RedisNames names) {
            this.endpoint = endpoint;
            this.names = names;
            this.thread = new Thread(this::run, "reporting-agent");
        }

        static Reporter start(RedisEndpoint endpoint, RedisNames names) {
            Reporter agent = new Reporter(endpoint, names);
            agent.thread.start();
            return agent;
        }

        private void run() {
            try (RedisClient redis = new RedisClient(endpoint.uri())) {
                for (int i = 1; running; i++) {
                    redis.xadd(names.stateInStream(), "{\"v\":1,\"id\":\"standby-report-" + i + "\",\"type\":\"tdd.report\","
                            + "\"source\":\"agent:worker\",\"data\":{\"story_id\":\"S-" + i + "\",\"to\":\"COMMIT\"}}");
                    stories.add("S-" + i);
                    pause(); // the agent's pace, not a wait for a condition
                }
            }
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int written() {
            return stories.size();
        }

        List<String> stories() {
            return List.copyOf(stories);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }
    }
}
