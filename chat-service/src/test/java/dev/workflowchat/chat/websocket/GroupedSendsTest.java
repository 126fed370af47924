package dev.workflowchat.chat.websocket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.repository.ChangeLog;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.Sql;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * People's sends are stored by group commit: those that arrive while a transaction holds the
 * change lock are stored together by the next one (one transaction: their rows share its
 * {@code xmin}), each answered with its own message, in order; a group that fails as a whole is
 * stored one send at a time, so each gets its own answer and the others are kept.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GroupedSendsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void sendsMadeWhileTheChangeLockIsHeldAreStoredTogether() throws Exception {
        String channel = Channels.create("grouped");
        List<ChatClient> people = new ArrayList<>();
        try (Connection lock = Sql.connect()) {
            for (int i = 0; i < 12; i++) {
                people.add(ChatClient.connect(base, Accounts.member("grouped" + i).token()));
            }
            people.forEach(person -> person.awaitType("ready"));
            List<String> refs = new ArrayList<>();
            holdChangeLock(lock);
            for (int i = 0; i < people.size(); i++) {
                refs.add(people.get(i).send("message.send", "channel", channel, "content", "grouped " + i));
            }
            // the first send's group waits for the lock; the other eleven wait for that group
            await().atMost(ChatClient.WAIT).until(() -> waiting() == people.size() - 1);
            lock.commit();

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                JsonNode message = people.get(i).awaitAck(refs.get(i)).path("message");
                assertThat(message.path("content").asText()).isEqualTo("grouped " + i);
                ids.add(message.path("message_id").asText());
            }
            ids.forEach(id -> people.get(0).awaitFrame(ChatClient.created(id)));
            try (Connection sql = Sql.connect()) {
                var rows = Sql.rows(sql, "SELECT content, xmin::text AS tx, seq FROM messages WHERE channel = '"
                        + channel + "' ORDER BY seq");
                assertThat(rows).hasSize(people.size());
                assertThat(rows.stream().map(row -> row.get("tx")).distinct()).hasSize(2);
                assertThat(Sql.rows(sql, "SELECT count(*) AS n FROM changes WHERE channel = '" + channel + "'"))
                        .containsExactly(Map.of("n", (long) people.size()));
            }
        } finally {
            people.forEach(ChatClient::close);
        }
    }

    @Test
    void aGroupThatFailsIsStoredOneSendAtATimeAndEachGetsItsOwnAnswer() throws Exception {
        String kept = Channels.create("kept");
        String removed = Channels.create("removed");
        try (Connection lock = Sql.connect();
             ChatClient first = ChatClient.connect(base, Accounts.member("first-g").token());
             ChatClient alice = ChatClient.connect(base, Accounts.member("alice-g").token());
             ChatClient bob = ChatClient.connect(base, Accounts.member("bob-g").token())) {
            List.of(first, alice, bob).forEach(person -> person.awaitType("ready"));
            holdChangeLock(lock);
            String opening = first.send("message.send", "channel", kept, "content", "before the removal");
            await().atMost(ChatClient.WAIT).until(() -> waiting() == 0 && aGroupWaitsForTheLock());
            String doomed = bob.send("message.send", "channel", removed, "content", "into a channel about to go");
            String survivor = alice.send("message.send", "channel", kept, "content", "kept though its group failed");
            await().atMost(ChatClient.WAIT).until(() -> waiting() == 2);
            // the channel goes while both wait: their group's insert breaks its foreign key
            Sql.execute(lock, "DELETE FROM channel_counters WHERE channel = '" + removed + "'");
            Sql.execute(lock, "DELETE FROM channels WHERE name = '" + removed + "'");
            lock.commit();

            first.awaitAck(opening);
            assertThat(bob.awaitError(doomed).path("code").asText()).isEqualTo("not_found");
            String id = alice.awaitAck(survivor).path("message").path("message_id").asText();
            try (Connection sql = Sql.connect()) {
                assertThat(Sql.rows(sql, "SELECT content FROM messages WHERE channel IN ('" + kept + "', '"
                        + removed + "') ORDER BY seq").stream().map(row -> row.get("content")).toList())
                        .containsExactly("before the removal", "kept though its group failed");
            }
            // and the service goes on grouping
            alice.awaitFrame(ChatClient.created(id));
            alice.post(kept, "after it all");
        }
    }

    /** Takes the lock every change takes for its number, in a transaction the test ends. */
    static void holdChangeLock(Connection lock) throws Exception {
        lock.setAutoCommit(false);
        Sql.execute(lock, ChangeLog.SERIALISE_CHANGES);
    }

    /** Whether a group's transaction waits for the lock the test holds, taking the group's numbers. */
    private static boolean aGroupWaitsForTheLock() throws Exception {
        return transactionsWaitingForTheLock() > 0;
    }

    /** Transactions (people's groups, agents' batches) waiting for the lock the test holds, to take their numbers. */
    static long transactionsWaitingForTheLock() throws Exception {
        try (Connection sql = Sql.connect()) {
            return Sql.number(sql, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE '%generate_series(1, $1)%'");
        }
    }

    private static double waiting() {
        return gauge("wfchat_sends_waiting");
    }

    /** A gauge's value in the service's metrics; -1 when it has none. */
    static double gauge(String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.]+)")
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
