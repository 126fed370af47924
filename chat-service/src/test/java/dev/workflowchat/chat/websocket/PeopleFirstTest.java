package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.service.GroupedSends;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.Sql;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * People go first: a batch of agents' messages read from the in-stream waits while people's sends
 * are being stored (here held at the change lock), instead of queueing for the lock beside them,
 * and is stored once they are; the wait has a bound. (What it buys during a flood is measured in
 * docs/performance.md.)
 */
@QuarkusTest
@TestProfile(PeopleFirstTest.LongWait.class)
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PeopleFirstTest {

    private static final String BATCHES_WAITING = "wfchat_ingest_waiting_for_people";

    /** A bound far beyond the test's own waits, so that what it sees is the wait for people, not its end. */
    public static class LongWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wfchat.redis.people-first-wait", "5m");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    GroupedSends sends;

    @Test
    void anAgentsBatchWaitsWhileAPersonsSendIsStoredAndComesAfterIt() throws Exception {
        String channel = Channels.create("people-first");
        try (Connection lock = Sql.connect();
             ChatClient alice = ChatClient.connect(base, Accounts.member("alice-first").token())) {
            String ref = sendHeldAtTheLock(lock, alice, channel, "a person's word");

            new Agent(redis, names).addAtOnce(IntStream.rangeClosed(1, 3)
                    .mapToObj(i -> Agent.message(Agent.newId(), "flooder", channel, "flood " + i)).toList());
            // the batch waits for the person's group, not at the lock beside it
            await().atMost(ChatClient.WAIT).until(() -> GroupedSendsTest.gauge(BATCHES_WAITING) == 1);
            assertThat(GroupedSendsTest.transactionsWaitingForTheLock()).isEqualTo(1);
            lock.commit();

            alice.awaitAck(ref);
            try (Connection sql = Sql.connect()) {
                String contents = "SELECT content FROM messages WHERE channel = '" + channel + "' ORDER BY seq";
                await().atMost(ChatClient.WAIT).until(() -> Sql.rows(sql, contents).size() == 4);
                assertThat(Sql.rows(sql, contents).stream().map(row -> row.get("content")).toList())
                        .containsExactly("a person's word", "flood 1", "flood 2", "flood 3");
            }
            assertThat(GroupedSendsTest.gauge(BATCHES_WAITING)).isZero();
        }
    }

    @Test
    void theWaitEndsAtItsBoundThoughPeoplesSendsStillWait() throws Exception {
        String channel = Channels.create("people-bound");
        try (Connection lock = Sql.connect();
             ChatClient bob = ChatClient.connect(base, Accounts.member("bob-first").token())) {
            String ref = sendHeldAtTheLock(lock, bob, channel, "held at the lock");

            // no wait at all when it is turned off; and a bounded one ends though the group still waits
            sends.quiet(Duration.ZERO).await().atMost(ChatClient.WAIT);
            CompletableFuture<Void> bounded = sends.quiet(Duration.ofMillis(200)).subscribeAsCompletionStage();
            await().atMost(ChatClient.WAIT).until(bounded::isDone);
            assertThat(bounded).isCompleted();
            assertThat(GroupedSendsTest.transactionsWaitingForTheLock()).isEqualTo(1);
            assertThat(GroupedSendsTest.gauge(BATCHES_WAITING)).isZero();

            lock.commit();
            bob.awaitAck(ref);
            // with nothing of people's left to store, a batch does not wait at all
            await().atMost(ChatClient.WAIT).until(() ->
                    sends.quiet(Duration.ofMinutes(5)).subscribeAsCompletionStage().isDone());
        }
    }

    /** Holds the change lock and has the person send: their group waits at the lock. The send's ref. */
    private static String sendHeldAtTheLock(Connection lock, ChatClient person, String channel, String content)
            throws Exception {
        person.awaitType("ready");
        GroupedSendsTest.holdChangeLock(lock);
        String ref = person.send("message.send", "channel", channel, "content", content);
        await().atMost(ChatClient.WAIT).until(() -> GroupedSendsTest.transactionsWaitingForTheLock() == 1);
        return ref;
    }
}
