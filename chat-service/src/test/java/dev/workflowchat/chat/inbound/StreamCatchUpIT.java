package dev.workflowchat.chat.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.inbound.InboundStreams;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Nothing an agent added to the stream while no chat-service ran is lost. */
class StreamCatchUpIT {

    private static final int MESSAGES = 1_000;

    @Test
    void shouldStoreEveryEntryAddedWhileDownOnceAndInStreamOrder() throws Exception {
        try (TestRun run = TestRun.start(); RedisClient redis = new RedisClient(run.redis().uri())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            for (int i = 0; i < MESSAGES; i++) {
                redis.xadd(names.inStream(), Agent.message("backlog-" + i, "code", "general", "m-" + i));
            }
            try (ChatServiceProcess service = ChatServiceProcess.start("catch-up", run, run.redis(), Map.of())) {
                Accounts accounts = Accounts.on(service.base());
                String token = accounts.signInAdmin().token();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> History.of(accounts, token, "general").size() >= MESSAGES);
                List<String> contents = History.contents(accounts, token, "general");
                assertThat(contents).containsExactlyElementsOf(IntStream.range(0, MESSAGES).mapToObj(i -> "m-" + i).toList());
            }
        }
    }

    private static String consumers(RedisClient redis, RedisNames names) {
        return redis.command("XINFO", "CONSUMERS", names.inStream(), InboundStreams.GROUP).toString();
    }

    @Test
    void shouldTakeOverEntriesADeadConsumerLeftPending() throws Exception {
        try (TestRun run = TestRun.start(); RedisClient redis = new RedisClient(run.redis().uri())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            redis.command("XGROUP", "CREATE", names.inStream(), InboundStreams.GROUP, "0", "MKSTREAM");
            for (int i = 0; i < 20; i++) {
                redis.xadd(names.inStream(), Agent.message("orphan-" + i, "code", "general", "o-" + i));
            }
            // A consumer that read ten entries and died before acknowledging them.
            redis.command("XREADGROUP", "GROUP", InboundStreams.GROUP, "ghost", "COUNT", "10",
                    "STREAMS", names.inStream(), ">");
            try (ChatServiceProcess service = ChatServiceProcess.start("heir", run, run.redis(),
                    Map.of("WFCHAT_REDIS_CLAIM_IDLE", "1s", "WFCHAT_REDIS_CLAIM_EVERY", "1s"))) {
                Accounts accounts = Accounts.on(service.base());
                String token = accounts.signInAdmin().token();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> History.of(accounts, token, "general").size() >= 20);
                assertThat(History.contents(accounts, token, "general"))
                        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).mapToObj(i -> "o-" + i).toList());
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        redis.command("XPENDING", names.inStream(), InboundStreams.GROUP).get(0).toLong() == 0);
                // the dead consumer, holding nothing now and silent, leaves the group; the living one stays
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        !consumers(redis, names).contains("ghost"));
                assertThat(consumers(redis, names)).contains("heir");
            }
        }
    }
}
