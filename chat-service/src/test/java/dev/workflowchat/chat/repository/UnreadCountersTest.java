package dev.workflowchat.chat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.Sql;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Unread counts kept on write (V15) say what counting the messages said: after sends, an edit, a
 * delete, a DM and a thread reply, with the marker moved, and under concurrent writes.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnreadCountersTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ChannelRepository channels;

    @Test
    void readyCountsWhatCountingTheMessagesCountedThroughAMixedHistory() throws Throwable {
        SignedIn alice = Accounts.member("alice");
        SignedIn bob = Accounts.member("bob");
        String channel = "unread-" + System.nanoTime() % 1_000_000;
        try (Connection db = Sql.connect()) {
            Sql.execute(db, "INSERT INTO channels (name) VALUES ('" + channel + "')");
        }
        try (ChatClient a = ChatClient.connect(base, alice.token()); ChatClient b = ChatClient.connect(base, bob.token())) {
            a.awaitType("ready");
            b.awaitType("ready");
            String first = a.post(channel, "first");
            a.post(channel, "hello @" + bob.username());
            b.post(channel, "bob's own, never unread to bob");
            String root = a.post(channel, "a thread starts");
            a.awaitAck(a.send("message.send", "channel", channel, "content", "a reply", "thread_id", root));
            long readTo = seqOf(a.awaitAck(a.send("message.send", "channel", channel, "content", "read up to here")));
            b.awaitAck(b.send("read", "channel", channel, "seq", readTo));
            assertMatchesCounting(alice, bob);
            assertThat(unread(bob, channel)).isEqualTo(new ChannelUnread(channel, 0, readTo, false));

            String later = a.post(channel, "later");
            String edited = a.post(channel, "no mention yet");
            a.awaitAck(a.send("message.edit", "message_id", edited, "content", "now @" + bob.username()));
            a.awaitAck(a.send("message.delete", "message_id", first));   // before bob's marker
            a.awaitAck(a.send("message.delete", "message_id", later));   // after it
            a.post("dm:code", "to my agent, @" + bob.username());        // a DM: bob can't read it, nor is he named there
            b.post(channel, "bob again");
            assertMatchesCounting(alice, bob);
            ChannelUnread bobs = unread(bob, channel);
            assertThat(bobs.count()).isEqualTo(1);
            assertThat(bobs.mentioned()).isTrue();

            a.awaitAck(a.send("message.edit", "message_id", edited, "content", "mention taken back"));
            assertThat(unread(bob, channel).mentioned()).isFalse();
            assertMatchesCounting(alice, bob);
        }
    }

    @Test
    void concurrentWritesLoseNoIncrement() throws Throwable {
        String channel = "busy-" + System.nanoTime() % 1_000_000;
        try (Connection db = Sql.connect()) {
            Sql.execute(db, "INSERT INTO channels (name) VALUES ('" + channel + "')");
        }
        List<SignedIn> people = List.of(Accounts.member("p"), Accounts.member("p"), Accounts.member("p"));
        ExecutorService pool = Executors.newFixedThreadPool(people.size() + 4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (SignedIn person : people) {
                writers.add(pool.submit(() -> {
                    try (ChatClient client = ChatClient.connect(base, person.token())) {
                        List<String> refs = new ArrayList<>();
                        for (int i = 0; i < 20; i++) {
                            refs.add(client.send("message.send", "channel", channel, "content", "m" + i));
                        }
                        refs.forEach(client::awaitAck);
                    }
                    return null;
                }));
            }
            // and writers that skip the service's change lock, racing on the counter row itself
            for (int thread = 0; thread < 4; thread++) {
                writers.add(pool.submit(() -> {
                    try (Connection db = Sql.connect()) {
                        for (int i = 0; i < 25; i++) {
                            Sql.execute(db, """
                                    INSERT INTO messages (id, seq, channel, author_type, author_id, author_name, content, source)
                                    VALUES (gen_random_uuid(), nextval('change_seq'), '%s', 'agent', 'code', 'code', 'x', 'agent')
                                    """.formatted(channel));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection db = Sql.connect()) {
            assertThat(Sql.number(db, "SELECT live FROM channel_counters WHERE channel = '" + channel + "'")).isEqualTo(160);
            for (SignedIn person : people) {
                assertThat(Sql.number(db, "SELECT own_unread FROM read_markers WHERE channel = '" + channel
                        + "' AND username = '" + person.username() + "'")).isEqualTo(20);
            }
        }
        assertThat(unread(Accounts.member("reader"), channel).count()).isEqualTo(160);
        assertThat(unread(people.get(0), channel).count()).isEqualTo(140);
    }

    /** Every channel of each person: the counters' unread and newest seq equal a count over messages. */
    private void assertMatchesCounting(SignedIn... people) throws Exception {
        try (Connection db = Sql.connect()) {
            for (SignedIn person : people) {
                Map<String, List<Long>> counted = new HashMap<>();
                for (Map<String, Object> row : Sql.rows(db, OldUnreadCount.forUser(person.username()))) {
                    counted.put((String) row.get("name"), List.of(((Number) row.get("last_seq")).longValue(),
                            ((Number) row.get("unread")).longValue()));
                }
                try (ChatClient client = ChatClient.connect(base, person.token())) {
                    JsonNode ready = client.awaitType("ready");
                    Map<String, List<Long>> kept = new HashMap<>();
                    ready.path("channels").forEach(view -> kept.put(view.path("name").asText(),
                            List.of(view.path("last_seq").asLong(), view.path("unread").asLong())));
                    assertThat(kept).isEqualTo(counted);
                }
            }
        }
    }

    private ChannelUnread unread(SignedIn person, String channel) throws Throwable {
        ChatUser user = new ChatUser(person.username(), person.username(), Set.of("member"));
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> channels.unreadFor(user)))
                .stream().filter(entry -> entry.channel().equals(channel)).findFirst().orElseThrow();
    }

    private static long seqOf(JsonNode ack) {
        return ack.path("message").path("seq").asLong();
    }
}
