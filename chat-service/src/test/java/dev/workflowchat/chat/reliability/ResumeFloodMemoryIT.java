package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The probe: 20 sockets that never read each asked one {@code resume} from the start (~11 MiB of
 * changes) and took live heap from 31 to 267 MiB, since answers bypassed the send buffer; and one
 * person opened 500 sockets. On a process with production limits: a person's 21st socket is
 * refused, each answer counts against the socket's buffer (a resume page is cut to about one
 * buffer), a socket that keeps asking without reading is closed (1008), and the live heap after a
 * GC, with all of them still connected, is about where it was.
 */
class ResumeFloodMemoryIT {

    private static final int SOCKETS = 20; // the most one person may have open on a replica
    private static final int MESSAGES = 400;
    private static final String FILLER = "x".repeat(30_000); // 400 × 30 KB: a resume from 0 owes 12 MB
    /** A page is about one buffer (1 MiB); the kernel takes a few MiB of it; past that a socket asking again is closed. */
    private static final int RESUMES_PER_SOCKET = 12;
    private static final Pattern OPEN = Pattern.compile("(?m)^wfchat_websocket_connections(?:\\{[^}]*})? ([0-9.eE+-]+)");
    private static final Pattern SLOW_CLOSED = Pattern.compile("(?m)^wfchat_websocket_slow_closed_total(?:\\{[^}]*})? ([0-9.eE+-]+)");
    private static final long ALLOWED_GROWTH_BYTES = 24L * 1024 * 1024;

    private static double metric(ChatServiceProcess service, Pattern metric) {
        Matcher matcher = metric.matcher(RestAssured.given().baseUri(service.management().toString())
                .get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    @Test
    void socketsThatAskButNeverReadAreClosedAndTheHeapComesBack() throws Exception {
        try (TestRun run = TestRun.start(); RedisClient redis = new RedisClient(run.redis().uri());
             // the person's frame limit out of the way: this is about what answers hold, not how many are asked
             // and a connection that neither reads nor answers pings dropped after 15 s, not 90
             ChatServiceProcess service = ChatServiceProcess.start("resume-flood", run, run.redis(), Map.of(
                     "WFCHAT_WEBSOCKET_USER_FRAMES_PER_SECOND", "10000", "WFCHAT_WEBSOCKET_USER_FRAME_BURST", "10000",
                     "QUARKUS_HTTP_IDLE_TIMEOUT", "15s"))) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Accounts accounts = Accounts.on(service.base());
            String reader = accounts.newMember("reader").token();
            try (ChatClient watching = ChatClient.connect(service.base(), reader)) {
                for (int i = 0; i < MESSAGES; i++) {
                    redis.xadd(names.inStream(), Agent.message(Agent.newId(), "code", "general", "message " + i + " " + FILLER));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> watching.framesOfType("message.created").size() >= MESSAGES);
            }
            long before = service.liveHeapAfterGc();

            String flooder = accounts.newMember("flooder").token();
            List<StalledSocket> stalled = new ArrayList<>();
            long after;
            try {
                for (int i = 0; i < SOCKETS; i++) {
                    stalled.add(StalledSocket.open(service.base(), flooder));
                }
                assertThatThrownBy(() -> StalledSocket.open(service.base(), flooder).close())
                        .isInstanceOf(IOException.class).hasMessageContaining("429");
                for (int round = 0; round < RESUMES_PER_SOCKET; round++) {
                    for (StalledSocket socket : stalled) {
                        socket.send("{\"type\":\"resume\",\"ref\":\"r" + round + "\",\"after_seq\":0}");
                    }
                }
                // each closed for not reading (1008) within the grace, though it sends nothing that would notice
                await().atMost(Duration.ofSeconds(60)).until(() -> metric(service, SLOW_CLOSED) >= SOCKETS);
                await().atMost(Duration.ofSeconds(60)).until(() -> metric(service, OPEN) == 0);
                // what was written for them and never taken is let go with their connections: one that
                // takes nothing, not even the pings, is idle and dropped, though every client still holds
                // its end open and unread
                long[] last = new long[1];
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                    last[0] = service.liveHeapAfterGc();
                    return last[0] < before + ALLOWED_GROWTH_BYTES;
                });
                after = last[0];
            } finally {
                for (StalledSocket socket : stalled) {
                    socket.close();
                }
            }
            System.out.printf("[resume flood] %d sockets × %d resumes of %d × 30 KB: live heap after GC %.1f MiB "
                    + "before, %.1f MiB after%n", SOCKETS, RESUMES_PER_SOCKET, MESSAGES, before / 1048576.0, after / 1048576.0);
            assertThat(after).isLessThan(before + ALLOWED_GROWTH_BYTES);

            // the server goes on: a reader resumes from the start and gets everything, page by page
            try (ChatClient late = ChatClient.connect(service.base(), accounts.newMember("late").token())) {
                long cursor = 0;
                while (true) {
                    var ack = late.awaitAck(late.send("resume", "after_seq", cursor));
                    cursor = ack.path("last_seq").asLong();
                    if (!ack.path("has_more").asBoolean()) {
                        break;
                    }
                }
                assertThat(late.framesOfType("message.created")).hasSize(MESSAGES);
            }
            assertThat(service.wholeLog()).doesNotContain("\"level\":\"ERROR\"")
                    .contains("it is not reading what it is sent");
        }
    }
}
