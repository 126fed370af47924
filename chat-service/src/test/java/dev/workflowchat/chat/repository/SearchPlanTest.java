package dev.workflowchat.chat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.support.Sql;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every search is planned for the values it searches: a prepared statement's generic plan guessed a
 * big channel small and read its whole (channel, seq) index on every search (issue #22's bench: a
 * one-word search at 1M messages went from ~20 ms to 60-90 ms once the workspace had more channels).
 * PostgreSQL counts, per prepared statement of a connection, the generic and custom plans it used.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SearchPlanTest {

    private static final int SEARCHES = 8; // PostgreSQL tries a generic plan from the sixth run of a statement
    private static final String PLANS_OF_THE_SEARCH = """
            SELECT generic_plans, custom_plans FROM pg_prepared_statements
            WHERE statement LIKE '%newest AS MATERIALIZED%' AND statement NOT LIKE '%pg_prepared_statements%'""";

    @Inject
    MessageRepository messages;

    @Test
    void aSearchRepeatedOnOneConnectionIsPlannedForItsValuesEachTime() throws Throwable {
        String word = "wombat" + System.nanoTime() % 100_000;
        String channel = "plan-" + System.nanoTime() % 100_000;
        try (Connection db = Sql.connect()) {
            Sql.execute(db, "INSERT INTO channels (name) VALUES ('" + channel + "')");
            Sql.execute(db, """
                    INSERT INTO messages (id, seq, channel, author_type, author_id, author_name, content, source)
                    SELECT gen_random_uuid(), nextval('change_seq'), '%s', 'agent', 'code', 'code', '%s n' || g, 'agent'
                    FROM generate_series(1, 200) g ORDER BY g""".formatted(channel, word));
        }
        ChatUser reader = new ChatUser("planner", "Planner", Set.of("member"));

        List<Object[]> plans = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> {
            Uni<Void> searches = Uni.createFrom().voidItem();
            for (int i = 0; i < SEARCHES; i++) {
                searches = searches.chain(() -> messages.search(reader, word, channel, 50)
                        .invoke(found -> assertThat(found).hasSize(50)).replaceWithVoid());
            }
            return searches.chain(Panache::getSession)
                    .chain(session -> session.createNativeQuery(PLANS_OF_THE_SEARCH, Object[].class).getResultList());
        }));

        assertThat(plans).as("the search's prepared statement on this session's connection").hasSize(1);
        assertThat(((Number) plans.get(0)[0]).longValue()).as("generic plans").isZero();
        assertThat(((Number) plans.get(0)[1]).longValue()).as("custom plans").isGreaterThanOrEqualTo(SEARCHES);
    }
}
