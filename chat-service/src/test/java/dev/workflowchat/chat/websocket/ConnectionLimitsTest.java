package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ErrorLog;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * What one person may hold of a replica, with small limits of this profile's own: so many sockets
 * (one more is refused at the upgrade, 429), so many frames a second over all their sockets; a
 * frame over 1 MiB closes its socket with 1009 (the probe saw 1011); a client that leaves in the
 * middle of a resume is no error in the log.
 */
@QuarkusTest
@TestProfile(ConnectionLimitsTest.SmallLimits.class)
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConnectionLimitsTest {

    private static final int SOCKETS = 3;
    private static final int BURST = 6;

    @TestHTTPResource("/")
    URI base;

    /** Three sockets a person; six frames at once and three a second over all of them. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wfchat.websocket.max-connections-per-user", String.valueOf(SOCKETS),
                    "wfchat.websocket.user-frames-per-second", "3",
                    "wfchat.websocket.user-frame-burst", String.valueOf(BURST));
        }
    }

    @Test
    void aPersonsSocketBeyondTheLimitIsRefusedAndOneClosingMakesRoom() {
        String token = Accounts.member("many").token();
        List<ChatClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < SOCKETS; i++) {
                open.add(ChatClient.connect(base, token));
                open.get(i).awaitType("ready");
            }
            assertThatThrownBy(() -> ChatClient.connect(base, token)).isInstanceOf(CompletionException.class)
                    .rootCause().hasMessageContaining("429");
            try (ChatClient someoneElse = ChatClient.connect(base, Accounts.member("other").token())) {
                someoneElse.awaitType("ready");
            }
            open.remove(0).close();
            await().atMost(ChatClient.WAIT).ignoreExceptions().until(() -> {
                ChatClient again = ChatClient.connect(base, token);
                open.add(again);
                return again.awaitType("ready") != null;
            });
        } finally {
            open.forEach(ChatClient::close);
        }
    }

    @Test
    void framesCountForThePersonOverAllTheirSockets() {
        String token = Accounts.member("fast").token();
        try (ChatClient one = ChatClient.connect(base, token); ChatClient two = ChatClient.connect(base, token)) {
            one.awaitType("ready");
            two.awaitType("ready");
            List<String> refs = new ArrayList<>();
            // each socket alone is far under its own limit (40 at once); together they pass the person's
            for (int i = 0; i < BURST; i++) {
                refs.add(one.send("typing", "channel", "general"));
                refs.add(two.send("typing", "channel", "general"));
            }
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                JsonNode answer = (i % 2 == 0 ? one : two).awaitAnswer(refs.get(i));
                codes.add(answer.path("type").asText().equals("ack") ? "ack" : answer.path("code").asText());
            }
            assertThat(codes).contains("rate_limited").filteredOn("ack"::equals).hasSizeLessThanOrEqualTo(BURST + 1);
        }
    }

    @Test
    void aFrameOverOneMebibyteClosesTheSocketWith1009() {
        try (ChatClient client = ChatClient.connect(base, Accounts.member("big").token())) {
            client.awaitType("ready");
            client.sendRaw("{\"type\":\"typing\",\"channel\":\"" + "x".repeat(1_100_000) + "\"}");
            assertThat(client.closed().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo(1009);
        }
    }

    @Test
    void aClientLeavingInTheMiddleOfAResumeIsNoErrorInTheLog() {
        String token = Accounts.member("leaver").token();
        try (ChatClient writer = ChatClient.connect(base, Accounts.member("writer").token())) {
            for (int i = 0; i < 30; i++) {
                writer.send("message.send", "channel", "general", "content", "to miss " + i + " " + "y".repeat(2_000));
            }
            writer.awaitType("ack");
        }
        try (ErrorLog log = ErrorLog.watch()) {
            for (int i = 0; i < 5; i++) {
                ChatClient leaver = ChatClient.connect(base, token);
                leaver.awaitType("ready");
                leaver.send("resume", "after_seq", 0);
                leaver.close();
            }
            try (ChatClient after = ChatClient.connect(base, token)) {
                assertThat(after.awaitType("ready").path("last_seq").asLong()).isPositive();
            }
            assertThat(log.errors()).isEmpty();
        }
    }
}
