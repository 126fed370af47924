package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.OwnedRedis;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Redis restart is survived: readiness follows it, subscriptions come back, no stream entry is
 * lost, and a message people post while Redis is away reaches the others once it is back.
 */
class RedisRestartIT {

    @Test
    void shouldRecoverFromARedisRestartByItself() throws Exception {
        try (TestRun run = TestRun.start(); OwnedRedis owned = OwnedRedis.start();
             ChatServiceProcess service = ChatServiceProcess.start("survivor", run, owned.endpoint(), Map.of())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Accounts accounts = Accounts.on(service.base());
            Accounts.SignedIn steady = accounts.newMember("steady");
            String token = steady.token();
            try (ChatClient client = ChatClient.connect(service.base(), token)) {
                try (RedisClient redis = new RedisClient(owned.endpoint().uri())) {
                    awaitSubscribed(redis, names);
                    redis.publish(names.in(), Agent.message(Agent.newId(), "code", "general", "before the restart"));
                }
                client.awaitFrame(frame -> "before the restart".equals(frame.path("message").path("content").asText()));

                owned.stopServer();
                // still ready (it serves without Redis), and says it is degraded
                await().atMost(Duration.ofSeconds(60)).until(service::degradedWithoutRedis);
                assertThat(service.metrics()).containsPattern("(?m)^wfchat_redis_reachable(\\{[^}]*})? 0\\.0$");
                // stored in PostgreSQL and acked; its announcement waits for Redis
                String whileDown = client.post("general", "posted while Redis is down");
                // logging in needs only PostgreSQL: the login throttle's counts in Redis are skipped meanwhile
                assertThat(accounts.signIn(steady.username(), Accounts.PASSWORD).token()).isNotBlank();
                // Redis stays away past the announcement's quick retries
                await().atMost(Duration.ofSeconds(60)).until(() -> service.log().contains("changes wait until Redis answers"));

                owned.startServer();
                try (RedisClient redis = new RedisClient(owned.endpoint().uri())) {
                    // added while the service is still reconnecting: the durable path must deliver it
                    redis.xadd(names.inStream(), Agent.message(Agent.newId(), "qa", "general", "during the outage"));
                    await().atMost(Duration.ofSeconds(60)).until(() -> service.readiness() == 200
                            && !service.degradedWithoutRedis());
                    // announced once Redis is back: connected clients get it without reconnecting
                    client.awaitFrame(ChatClient.created(whileDown));
                    client.awaitFrame(frame -> "during the outage".equals(frame.path("message").path("content").asText()));

                    // pub/sub is listened to again
                    awaitSubscribed(redis, names);
                    redis.publish(names.in(), Agent.message(Agent.newId(), "code", "general", "after the restart"));
                    client.awaitFrame(frame -> "after the restart".equals(frame.path("message").path("content").asText()));
                }
                // and people's own messages flow again through wfchat:out
                String mine = client.post("general", "people too");
                client.awaitFrame(ChatClient.created(mine));
                assertThat(History.contents(accounts, token, "general"))
                        .containsExactly("before the restart", "posted while Redis is down", "during the outage", "after the restart",
                                "people too");
                assertThat(client.frames().stream().filter(ChatClient.created(whileDown))).hasSize(1);
            }
        }
    }

    /** Pub/sub delivers only to who listens now: wait until the service does. */
    private static void awaitSubscribed(RedisClient redis, RedisNames names) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                redis.command("PUBSUB", "NUMSUB", names.in()).get(1).toLong() >= 1);
    }
}
