package dev.workflowchat.chat.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.inbound.InboundStreams;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.OwnedPostgres;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stream entry that fails because PostgreSQL is down stays unacknowledged and is stored when it is back. */
class DatabaseOutageIT {

    @Test
    void shouldKeepStreamEntriesUntilTheDatabaseIsBack() throws Exception {
        try (TestRun run = TestRun.start(); OwnedPostgres postgres = OwnedPostgres.start();
             RedisClient redis = new RedisClient(run.redis().uri())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            try (ChatServiceProcess service = ChatServiceProcess.start("outage", postgres.database("wfchat"), run.redis(),
                    run.redisPrefix(), Map.of())) {
                Accounts accounts = Accounts.on(service.base());
                String token = accounts.signInAdmin().token();
                redis.xadd(names.inStream(), Agent.message(Agent.newId(), "code", "general", "before the outage"));
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        History.contents(accounts, token, "general").contains("before the outage"));

                postgres.stopServer();
                await().atMost(Duration.ofSeconds(60)).until(() -> service.readiness() == 503);
                redis.xadd(names.inStream(), Agent.message(Agent.newId(), "code", "general", "during the outage"));
                // delivered to the consumer, failed, and left pending: not acknowledged, not lost
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        redis.command("XPENDING", names.inStream(), InboundStreams.GROUP).get(0).toLong() == 1);
                assertThat(redis.xrange(names.deadletter())).isEmpty();

                postgres.startServer();
                await().atMost(Duration.ofSeconds(60)).until(() -> service.readiness() == 200);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        History.contents(accounts, token, "general").contains("during the outage"));
                assertThat(History.contents(accounts, token, "general"))
                        .containsExactly("before the outage", "during the outage");
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        redis.command("XPENDING", names.inStream(), InboundStreams.GROUP).get(0).toLong() == 0);
            }
        }
    }
}
