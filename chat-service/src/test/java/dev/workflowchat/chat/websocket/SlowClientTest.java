package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.StalledSocket;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading fills its bounded send buffer and is closed (1008), while a client
 * that reads gets every message; the server does not hold ever more for the one that stopped.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SlowClientTest {

    private static final int MESSAGES = 300;
    private static final int CONTENT_CHARS = 30_000;
    /**
     * Messages added at a time, the reader taking each step before the next: about 240 KB, under
     * its buffer's soft limit (256 KiB in tests). So the reader reads at any pace the machine
     * running the test leaves it and is never over its limit; one burst of all of them once left
     * the reader itself megabytes behind on a busy machine, and it was cut off as not reading.
     */
    private static final int STEP = 8;

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    MeterRegistry metrics;

    @Test
    void aClientThatStopsReadingIsCutOffAndTheOthersGetEverything() throws Exception {
        // ~9 MB: far more than the stalled client's buffer (256 KiB in tests) and the kernel's
        pushWhileOneStallsAndAwaitItsCutOff("slow-readers", MESSAGES);
    }

    /**
     * A burst that leaves a stalled client over its soft limit, and then quiet: it is cut off once
     * the grace has passed, not only when the next message would go out, so a quiet channel does
     * not keep megabytes for it.
     */
    @Test
    void aClientLeftOverItsLimitByABurstIsCutOffWhenTheGraceEndsThoughNothingMoreIsSent() throws Exception {
        // ~5.4 MB: the kernel takes up to 4 MB of it (tcp_wmem), which leaves this over the 256 KiB soft
        // limit and under the 4 MiB hard one; nothing is sent after it
        pushWhileOneStallsAndAwaitItsCutOff("one-burst", 180);
    }

    /**
     * An agent pushes {@code messages} of {@value #CONTENT_CHARS} characters into a new channel, in
     * steps of {@value #STEP}, while one client reads and another has stopped: the reader gets them
     * all, the stalled one is closed with 1008 and counted.
     */
    private void pushWhileOneStallsAndAwaitItsCutOff(String channelPrefix, int messages) throws Exception {
        String channel = Channels.create(channelPrefix);
        String token = Accounts.member("reader").token();
        double closedBefore = metrics.counter("wfchat.websocket.slow.closed").count();
        Agent agent = new Agent(redis, names);
        String filler = "x".repeat(CONTENT_CHARS);

        try (StalledSocket stalled = StalledSocket.open(base, token);
             ChatClient reader = ChatClient.connect(base, token)) {
            for (int sent = 0; sent < messages; ) {
                int upTo = Math.min(messages, sent + STEP);
                for (int i = sent; i < upTo; i++) {
                    agent.add(Agent.message(Agent.newId(), "code", channel, "m" + i + " " + filler));
                }
                sent = upTo;
                long expected = sent;
                await().atMost(Duration.ofSeconds(60)).until(() -> reader.framesOfType("message.created").stream()
                        .filter(frame -> channel.equals(frame.path("message").path("channel").asText())).count() == expected);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> metrics.counter("wfchat.websocket.slow.closed").count() > closedBefore);
            assertThat(stalled.closeCodeAfterDraining()).isEqualTo(1008);
        }
    }
}
