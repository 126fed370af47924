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
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a chat-service while agents stream 10,000 messages into it and a client watches:
 * after the restart every message is stored once, in stream order, and the client that resumes
 * from the last change it saw has every one once.
 */
class KillDuringIngestIT {

    private static final int MESSAGES = 10_000;
    private static final String CHANNEL = "general";

    @Test
    void everyMessageIsStoredOnceAndAResumingClientHasEachOnce() throws Exception {
        try (TestRun run = TestRun.start(); RedisClient redis = new RedisClient(run.redis().uri())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Map<Long, String> seen = new HashMap<>();
            long cursor;
            CompletableFuture<Void> streaming;
            try (ChatServiceProcess first = ChatServiceProcess.start("crash", run, run.redis(), Map.of())) {
                String token = Accounts.on(first.base()).signInAdmin().token();
                try (ChatClient watcher = ChatClient.connect(first.base(), token)) {
                    streaming = CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < MESSAGES; i++) {
                            redis.xadd(names.inStream(), Agent.message("kill-" + i, "code", CHANNEL, "k-" + i));
                        }
                    });
                    // killed mid-stream: some stored and pushed, some read and not acknowledged, some not read
                    await().atMost(Duration.ofSeconds(120)).until(() -> created(watcher).size() >= MESSAGES / 5);
                    first.kill();
                    cursor = record(created(watcher), seen);
                }
            }
            streaming.get();
            assertThat(seen).hasSizeLessThan(MESSAGES);

            try (ChatServiceProcess second = ChatServiceProcess.start("crash", run, run.redis(), Map.of())) {
                Accounts accounts = Accounts.on(second.base());
                String token = accounts.signInAdmin().token();
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> History.of(accounts, token, CHANNEL).size() >= MESSAGES);
                assertThat(History.contents(accounts, token, CHANNEL))
                        .containsExactlyElementsOf(IntStream.range(0, MESSAGES).mapToObj(i -> "k-" + i).toList());

                try (ChatClient resumed = ChatClient.connect(second.base(), token)) {
                    boolean more = true;
                    while (more) {
                        String ref = resumed.send("resume", "after_seq", cursor);
                        JsonNode ack;
                        try {
                            ack = resumed.awaitAck(ref);
                        } catch (RuntimeException e) {
                            List<JsonNode> got = resumed.frames();
                            throw new AssertionError("no ack for resume after " + cursor + "; open " + resumed.isOpen() + " closed "
                                    + resumed.closed() + "; " + got.size() + " frames, last: "
                                    + got.subList(Math.max(0, got.size() - 3), got.size()), e);
                        }
                        more = ack.path("has_more").asBoolean();
                        long last = ack.path("last_seq").asLong();
                        cursor = record(created(resumed).stream().filter(frame -> frame.path("seq").asLong() > 0).toList(),
                                seen);
                        cursor = Math.max(cursor, last);
                    }
                }
            }
            assertThat(seen.values()).hasSize(MESSAGES)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, MESSAGES).mapToObj(i -> "k-" + i).toList());
        }
    }

    private static List<JsonNode> created(ChatClient client) {
        return client.framesOfType("message.created").stream()
                .filter(frame -> CHANNEL.equals(frame.path("message").path("channel").asText())
                        && frame.path("message").path("content").asText().startsWith("k-"))
                .toList();
    }

    /** Applies frames as a client does (a change only once, by seq); returns the largest seq seen. */
    private static long record(List<JsonNode> frames, Map<Long, String> seen) {
        long cursor = 0;
        for (JsonNode frame : frames) {
            long seq = frame.path("seq").asLong();
            String content = frame.path("message").path("content").asText();
            String before = seen.putIfAbsent(seq, content);
            assertThat(before == null || before.equals(content)).as("seq %d is one message", seq).isTrue();
            cursor = Math.max(cursor, seq);
        }
        return seen.keySet().stream().mapToLong(Long::longValue).max().orElse(cursor);
    }
}
