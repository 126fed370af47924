package dev.workflowchat.chat.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workflowchat.chat.announce.Announcement;
import dev.workflowchat.chat.announce.Announcement.Step;
import dev.workflowchat.chat.announce.KeptAnnouncements;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.event.Envelope;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Announcements a stopping replica kept in PostgreSQL: made oldest first, each once, what fails
 * stays with everything after it, and two replicas at it at once still make each once, in order.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KeptAnnouncementsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    KeptAnnouncements kept;

    @Inject
    Pool pool;

    private final List<Announcement> made = new CopyOnWriteArrayList<>();

    @BeforeEach
    void empty() {
        pool.query("DELETE FROM announcements_kept").execute().await().atMost(WAIT);
    }

    private Function<Announcement, Uni<Void>> redisTakesAllBut(Set<String> refused) {
        return announcement -> Uni.createFrom().deferred(() -> {
            if (refused.contains(announcement.what())) {
                return Uni.createFrom().failure(new IllegalStateException("connection refused"));
            }
            made.add(announcement);
            return Uni.createFrom().voidItem();
        });
    }

    private static Announcement announcement(String what) {
        Envelope event = Envelope.create("message.created", "chat-service", 7L, Map.of("content", what));
        return new Announcement(what, List.of(Step.out(event), Step.toAgent("code", event)));
    }

    private long rows() {
        return pool.query("SELECT count(*) FROM announcements_kept").execute().await().atMost(WAIT)
                .iterator().next().getLong(0);
    }

    private List<String> whatWasMade() {
        return made.stream().map(Announcement::what).toList();
    }

    @Test
    void shouldMakeThemOldestFirstAsTheyWereKept() {
        List<Announcement> unsent = List.of(announcement("first"), announcement("second"));
        kept.keep(unsent).await().atMost(WAIT);
        kept.keep(List.of(announcement("third"))).await().atMost(WAIT);

        assertThat(kept.makeAll(redisTakesAllBut(Set.of())).await().atMost(WAIT)).isEqualTo(3);
        assertThat(whatWasMade()).containsExactly("first", "second", "third");
        assertThat(made.subList(0, 2)).as("the same events, to the same agents").isEqualTo(unsent);
        assertThat(rows()).isZero();
    }

    @Test
    void shouldKeepOneRedisRefusesAndEverythingAfterItForTheNextTry() {
        kept.keep(List.of(announcement("a"), announcement("b"), announcement("c"))).await().atMost(WAIT);

        assertThatThrownBy(() -> kept.makeAll(redisTakesAllBut(Set.of("b"))).await().atMost(WAIT))
                .hasMessageContaining("connection refused");
        assertThat(whatWasMade()).containsExactly("a");
        assertThat(rows()).isEqualTo(2);

        assertThat(kept.makeAll(redisTakesAllBut(Set.of())).await().atMost(WAIT)).isEqualTo(2);
        assertThat(whatWasMade()).containsExactly("a", "b", "c");
        assertThat(rows()).isZero();
    }

    @Test
    void shouldDropAnUnreadableOneWithoutStoppingTheRest() {
        pool.preparedQuery("INSERT INTO announcements_kept (what, steps) VALUES ($1, $2)")
                .execute(Tuple.of("from another version", "{\"not\": \"steps\"}")).await().atMost(WAIT);
        kept.keep(List.of(announcement("readable"))).await().atMost(WAIT);

        assertThat(kept.makeAll(redisTakesAllBut(Set.of())).await().atMost(WAIT)).isEqualTo(2);
        assertThat(whatWasMade()).containsExactly("readable");
        assertThat(rows()).isZero();
    }

    @Test
    void shouldMakeEachOnceInOrderWhenTwoReplicasTryAtOnce() {
        List<Announcement> many = IntStream.range(0, 50).mapToObj(i -> announcement("n" + i)).toList();
        kept.keep(many).await().atMost(WAIT);

        List<Integer> counts = Uni.join().all(kept.makeAll(redisTakesAllBut(Set.of())), kept.makeAll(redisTakesAllBut(Set.of())))
                .andFailFast().await().atMost(WAIT);
        // one of them may find the other at it and leave; whatever is left goes on a later try
        kept.makeAll(redisTakesAllBut(Set.of())).await().atMost(WAIT);

        assertThat(counts.get(0) + counts.get(1)).isBetween(1, 50);
        assertThat(whatWasMade()).isEqualTo(many.stream().map(Announcement::what).toList());
        assertThat(rows()).isZero();
    }
}
