package dev.workflowchat.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Sql;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Search's order: best ranked first, newest first among equals, ranked among the newest 1,000
 * matches only (a common word's older matches are never read: issue #22).
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SearchOrderTest {

    private static final int NEWEST_RANKED = 1000;

    @Test
    void bestRankedFirstThenNewestAmongTheNewestMatches() throws Exception {
        String word = "quokka" + System.nanoTime() % 100_000;
        String channel = "search-" + System.nanoTime() % 100_000;
        try (Connection db = Sql.connect()) {
            Sql.execute(db, "INSERT INTO channels (name) VALUES ('" + channel + "')");
            // the oldest match says the word most often: ranked best, but older than the newest 1,000
            insert(db, channel, "'" + word + " " + word + " " + word + " " + word + " oldest'", 1);
            // then 1,000 matches, every hundredth (n7, n107, ...) saying it twice
            insert(db, channel, "CASE WHEN g % 100 = 7 THEN '" + word + " " + word + " n' || g ELSE '" + word
                    + " n' || g END", NEWEST_RANKED);
        }
        List<String> found = given().auth().oauth2(Accounts.member("finder").token())
                .queryParam("q", word).queryParam("channel", channel)
                .get("/api/messages/search")
                .then().statusCode(200)
                .extract().jsonPath().getList("results.content", String.class);

        List<String> expected = new ArrayList<>();
        for (int g = 907; g >= 7; g -= 100) {
            expected.add(word + " " + word + " n" + g);
        }
        for (int g = NEWEST_RANKED - 1; expected.size() < 50; g--) {
            if (g % 100 != 7) {
                expected.add(word + " n" + g);
            }
        }
        assertThat(found).containsExactlyElementsOf(expected);
    }

    private static void insert(Connection db, String channel, String content, int count) throws Exception {
        Sql.execute(db, """
                INSERT INTO messages (id, seq, channel, author_type, author_id, author_name, content, source)
                SELECT gen_random_uuid(), nextval('change_seq'), '%s', 'agent', 'code', 'code', %s, 'agent'
                FROM generate_series(0, %d) g ORDER BY g""".formatted(channel, content, count - 1));
    }
}
