package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StalledSocket;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Round after round of clients that stop reading while an agent pushes megabytes at everyone, on
 * a chat-service process with its production limits (1 MiB of unsent frames for 5 s): each
 * stalled client is cut off with 1008, the client that reads gets every message, and the live
 * heap after a GC is the same after the last round as after the first, so what the stalled ones
 * were owed was let go rather than kept.
 */
class SlowClientsMemoryIT {

    private static final int ROUNDS = 4;
    private static final int STALLED_PER_ROUND = 10;
    private static final int MESSAGES_PER_ROUND = 200; // 6 MB to each: the kernel takes up to 4 MB, the rest waits on the heap
    private static final String FILLER = "x".repeat(30_000);
    private static final long ALLOWED_GROWTH_BYTES = 16L * 1024 * 1024;
    private static final Pattern SLOW_CLOSED = Pattern.compile("(?m)^wfchat_websocket_slow_closed_total(?:\\{[^}]*})? ([0-9.eE+-]+)");

    @Test
    void stalledClientsAreCutOffTheReaderGetsAllAndTheHeapStaysFlat() throws Exception {
        try (TestRun run = TestRun.start(); RedisClient redis = new RedisClient(run.redis().uri());
             ChatServiceProcess service = ChatServiceProcess.start("slow-clients", run, run.redis(), Map.of())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Accounts accounts = Accounts.on(service.base());
            String token = accounts.newMember("watcher").token();
            List<Long> heapAfterRound = new ArrayList<>();
            try (ChatClient reader = ChatClient.connect(service.base(), token)) {
                for (int round = 0; round < ROUNDS; round++) {
                    List<StalledSocket> stalled = new ArrayList<>();
                    try {
                        for (int i = 0; i < STALLED_PER_ROUND; i++) {
                            stalled.add(StalledSocket.open(service.base(), token));
                        }
                        for (int i = 0; i < MESSAGES_PER_ROUND; i++) {
                            redis.xadd(names.inStream(), Agent.message(Agent.newId(), "code", "general",
                                    "round " + round + " message " + i + " " + FILLER));
                        }
                        int expected = (round + 1) * MESSAGES_PER_ROUND;
                        // the reader is not held back by the ones that stopped reading
                        await().atMost(Duration.ofSeconds(60)).until(() ->
                                reader.framesOfType("message.created").size() >= expected);
                        double cutOff = (round + 1.0) * STALLED_PER_ROUND;
                        await().atMost(Duration.ofSeconds(60)).until(() -> slowClosed(service) >= cutOff);
                        for (StalledSocket socket : stalled) {
                            assertThat(socket.closeCodeAfterDraining()).isEqualTo(1008);
                        }
                    } finally {
                        for (StalledSocket socket : stalled) {
                            socket.close();
                        }
                    }
                    heapAfterRound.add(service.liveHeapAfterGc());
                }
                assertThat(reader.framesOfType("message.created")).hasSize(ROUNDS * MESSAGES_PER_ROUND);
                assertThat(reader.isOpen()).isTrue();
            }
            System.out.printf("[slow clients] %d rounds of %d stalled clients, %d messages of 30 KB each: live heap after GC "
                            + "per round (MiB) %s%n", ROUNDS, STALLED_PER_ROUND, MESSAGES_PER_ROUND,
                    heapAfterRound.stream().map(bytes -> String.format("%.1f", bytes / 1048576.0)).toList());
            assertThat(heapAfterRound.get(ROUNDS - 1)).isLessThan(heapAfterRound.get(0) + ALLOWED_GROWTH_BYTES);
            assertThat(service.wholeLog()).doesNotContain("\"level\":\"ERROR\"");
        }
    }

    private static double slowClosed(ChatServiceProcess service) {
        Matcher matcher = SLOW_CLOSED.matcher(RestAssured.given().baseUri(service.management().toString()).get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
