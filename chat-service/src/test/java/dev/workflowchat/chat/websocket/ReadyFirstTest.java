package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.Sql;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.sql.Connection;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code ready} is a connection's first frame even when something is pushed while it is being
 * read (found by the bench: a presence change reached a new connection before its {@code ready});
 * what was pushed meanwhile follows it, not lost.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReadyFirstTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void framesPushedWhileReadyIsReadFollowIt() throws Exception {
        Accounts.SignedIn typist = Accounts.member("readytypist");
        String newcomerToken = Accounts.member("readynewcomer").token();
        try (ChatClient typing = ChatClient.connect(base, typist.token());
             ChatClient watcher = ChatClient.connect(base, Accounts.member("readywatcher").token());
             Connection lock = Sql.connect()) {
            typing.awaitType("ready");
            watcher.awaitType("ready");
            // ready reads the pending approvals last: the new connection is in the fan-out, its ready not sent
            lock.setAutoCommit(false);
            Sql.execute(lock, "LOCK TABLE approvals IN ACCESS EXCLUSIVE MODE");
            try (ChatClient newcomer = ChatClient.connect(base, Map.of("Authorization", "Bearer " + newcomerToken))) {
                await().atMost(ChatClient.WAIT).until(ReadyFirstTest::readyWaitsForTheLock);
                typing.awaitAck(typing.send("typing", "channel", "general"));
                Predicate<JsonNode> typingFrame = frame -> "typing".equals(frame.path("type").asText())
                        && frame.path("users").toString().contains(typist.username());
                watcher.awaitFrame(typingFrame); // pushed to everyone now, the newcomer's connection too
                lock.commit();

                newcomer.awaitFrame(typingFrame);
                assertThat(newcomer.frames().get(0).path("type").asText()).isEqualTo("ready");
            }
        }
    }

    private static boolean readyWaitsForTheLock() throws Exception {
        try (Connection sql = Sql.connect()) {
            return !Sql.rows(sql, "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query ILIKE '%approvals%'").isEmpty();
        }
    }
}
