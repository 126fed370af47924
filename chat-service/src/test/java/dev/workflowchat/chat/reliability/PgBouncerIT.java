package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.PgBouncer;
import dev.workflowchat.infra.PostgresEndpoint;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * docs/scaling.md's PgBouncer recipe, tried: a chat-service whose reactive pool of 20 goes through
 * PgBouncer 1.18 in transaction mode, onto 3 server connections, with the client's statement cache
 * off and its layer-7-proxy mode on (PgBouncer before 1.21 keeps no statement from one transaction to
 * the next, and without that mode the client parses and executes in two exchanges, which PgBouncer
 * may send to two servers: "unnamed prepared statement does not exist", seen at the first sign-up);
 * Flyway migrates directly. People sending at once, an agent streaming, history, search, the login
 * and a workflow command (the state-broadcaster's record, through the same PgBouncer) all work,
 * every message is kept once, and PostgreSQL never saw more than the pool's 3 connections.
 */
class PgBouncerIT {

    private static final int PEOPLE = 3;
    private static final int EACH = 30;
    private static final int SERVER_CONNECTIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theChatServiceWorksThroughPgBouncerInTransactionMode() throws Exception {
        try (TestRun run = TestRun.start();
             PgBouncer bouncer = PgBouncer.inFrontOf(run.database(), "transaction", SERVER_CONNECTIONS);
             RedisClient redis = new RedisClient(run.redis().uri());
             ChatServiceProcess chat = ChatServiceProcess.start("via-pgbouncer", run, run.redis(), throughPgBouncer(bouncer));
             StateBroadcasterProcess state = StateBroadcasterProcess.start(run, run.redis(), throughPgBouncer(bouncer))) {
            Accounts accounts = Accounts.on(chat.base());
            List<ChatClient> people = new ArrayList<>();
            try {
                for (int i = 0; i < PEOPLE; i++) {
                    people.add(ChatClient.connect(chat.base(), accounts.newMember("pooled").token()));
                }
                RedisNames names = new RedisNames(run.redisPrefix());
                Set<String> expected = new HashSet<>();
                for (int i = 0; i < EACH; i++) {
                    String streamed = "streamed " + i;
                    redis.xadd(names.inStream(), Agent.message(Agent.newId(), "code", "general", streamed));
                    expected.add(streamed);
                }
                List<CompletableFuture<List<JsonNode>>> sending = new ArrayList<>();
                for (int p = 0; p < PEOPLE; p++) {
                    ChatClient person = people.get(p);
                    int who = p;
                    sending.add(CompletableFuture.supplyAsync(() -> {
                        List<String> refs = new ArrayList<>();
                        for (int i = 0; i < EACH; i++) {
                            refs.add(person.send("message.send", "channel", "general", "content", "person " + who + " says " + i));
                        }
                        return refs.stream().map(person::awaitAck).toList();
                    }));
                    for (int i = 0; i < EACH; i++) {
                        expected.add("person " + p + " says " + i);
                    }
                }
                for (CompletableFuture<List<JsonNode>> acks : sending) {
                    assertThat(acks.join()).allSatisfy(ack -> assertThat(ack.path("message").path("message_id").asText())
                            .as(ack.toString()).isNotBlank());
                }

                String admin = accounts.signInAdmin().token();
                await().atMost(WAIT).until(() -> History.contents(accounts, admin, "general").containsAll(expected));
                List<String> kept = History.contents(accounts, admin, "general").stream().filter(expected::contains).toList();
                assertThat(kept).as("each message kept once").hasSize(expected.size()).doesNotHaveDuplicates();
                // the state-broadcaster's record, through PgBouncer too
                JsonNode epic = people.get(0).awaitAnswer(people.get(0).send("message.send", "channel", "workflow",
                        "content", "/epic \"Pooled\""));
                assertThat(epic.path("ok").asBoolean()).as(epic.toString()).isTrue();
                assertThat(accounts.request().auth().oauth2(admin).queryParam("q", "\"person 2 says 17\"")
                        .get("/api/messages/search").then().statusCode(200).extract().jsonPath().getList("results.content"))
                        .contains("person 2 says 17");
            } finally {
                people.forEach(ChatClient::close);
            }
            assertThat(serverConnections(run.database())).as("PostgreSQL's connections for a pool of 20")
                    .isPositive().isLessThanOrEqualTo(SERVER_CONNECTIONS);
            assertThat(chat.log()).doesNotContain("prepared statement").doesNotContain("SQLState");
            assertThat(state.log()).doesNotContain("prepared statement").doesNotContain("SQLState");
        }
    }

    /** The recipe's settings: the reactive client through PgBouncer, its statement cache off, its layer-7-proxy mode on. */
    private static Map<String, String> throughPgBouncer(PgBouncer bouncer) {
        return Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", bouncer.endpoint().reactiveUrl(),
                "QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS", "false",
                "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_USE_LAYER7_PROXY", "true",
                "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "20");
    }

    /**
     * The reactive client's connections PostgreSQL has for the run's database: PgBouncer's (it passes
     * the client's {@code application_name} on); the chat-service's Flyway connects directly, as JDBC.
     */
    private static int serverConnections(PostgresEndpoint database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password() == null ? "" : database.password());
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                     + database.database() + "' AND application_name = 'vertx-pg-client'")) {
            count.next();
            return count.getInt(1);
        }
    }
}
