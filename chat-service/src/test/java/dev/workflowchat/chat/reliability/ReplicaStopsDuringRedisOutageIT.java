package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.OwnedRedis;
import dev.workflowchat.infra.PostgresEndpoint;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import io.vertx.redis.client.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica stopped (SIGTERM, as in a rolling deploy) while Redis is away does not take the
 * announcements of its committed changes with it: it keeps them in PostgreSQL, and the next
 * replica that reaches Redis makes them, once, so the bridge and the agents still hear of them.
 */
class ReplicaStopsDuringRedisOutageIT {

    @Test
    void shouldHaveTheNextReplicaAnnounceWhatAStoppedOneCouldNot() throws Exception {
        try (TestRun run = TestRun.start(); OwnedRedis owned = OwnedRedis.start()) {
            RedisNames names = new RedisNames(run.redisPrefix());
            String whileDown;
            ChatServiceProcess leaving = ChatServiceProcess.start("leaving", run, owned.endpoint(), Map.of());
            try (leaving) {
                Accounts accounts = Accounts.on(leaving.base());
                try (ChatClient client = ChatClient.connect(leaving.base(), accounts.newMember("poster").token())) {
                    client.awaitFrame(ChatClient.created(client.post("general", "announced at once")));

                    owned.stopServer();
                    await().atMost(Duration.ofSeconds(60)).until(leaving::degradedWithoutRedis);
                    // stored and acked; its announcements (wfchat:out, and agent.direct to the agent it mentions) wait
                    whileDown = client.post("general", "@code this one waits for Redis");
                    await().atMost(Duration.ofSeconds(60)).until(() -> leaving.log().contains("changes wait until Redis answers"));
                }
            }
            assertThat(leaving.wholeLog()).contains("kept 1 announcements Redis has not taken");

            owned.startServer();
            try (ChatServiceProcess next = ChatServiceProcess.start("next", run, owned.endpoint(), Map.of());
                 RedisClient redis = new RedisClient(owned.endpoint().uri())) {
                // what the bridge reads, and what the mentioned agent reads
                await().atMost(Duration.ofSeconds(60)).until(() -> count(redis.xrange(names.outStream()), whileDown) == 2);
                assertThat(events(redis.xrange(names.outStream()), whileDown)).satisfiesExactly(
                        created -> assertThat(created).contains("\"type\":\"message.created\""),
                        direct -> assertThat(direct).contains("\"type\":\"agent.direct\"", "this one waits for Redis"));
                await().atMost(Duration.ofSeconds(30)).until(() -> count(redis.xrange(names.agentStream("code")), whileDown) == 1);
                assertThat(next.log()).contains("made 1 announcements kept by a replica that stopped");

                // made once: nothing is left for another replica to make again
                assertThat(keptRows(run.database())).isZero();
            }
        }
    }

    private static long keptRows(PostgresEndpoint database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password() == null ? "" : database.password());
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM announcements_kept")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long count(List<Response> entries, String messageId) {
        return events(entries, messageId).size();
    }

    private static List<String> events(List<Response> entries, String messageId) {
        return entries.stream().map(entry -> entry.get(1).get(1).toString()).filter(event -> event.contains(messageId)).toList();
    }
}
