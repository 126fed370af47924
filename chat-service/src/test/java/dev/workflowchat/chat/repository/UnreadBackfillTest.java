package dev.workflowchat.chat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.support.Sql;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V15 fills the counters of a database that already has messages, deletions, mentions and markers
 * (one ahead of every number handed out among them): what the ready frame then says equals what
 * counting the messages said before the migration.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnreadBackfillTest {

    private static final String SEED = """
            INSERT INTO users (username, display_name, password_hash) VALUES ('ann', 'Ann', 'x'), ('ben', 'Ben', 'x');
            INSERT INTO channels (name, kind) VALUES ('dm:code:ann', 'dm');
            INSERT INTO messages (id, seq, channel, author_type, author_id, author_name, content, source, deleted_at)
            SELECT gen_random_uuid(), nextval('change_seq'),
                   (ARRAY['general', 'workflow', 'dm:code:ann'])[1 + g % 3],
                   CASE WHEN g % 4 = 0 THEN 'user' ELSE 'agent' END,
                   CASE WHEN g % 8 = 0 THEN 'ann' WHEN g % 4 = 0 THEN 'ben' ELSE 'code' END, 'x',
                   CASE WHEN g % 5 = 0 THEN 'ping @ben and @ann' ELSE 'message ' || g END,
                   'web', CASE WHEN g % 7 = 0 THEN now() END
            FROM generate_series(1, 300) g;
            INSERT INTO read_markers (username, channel, last_read_seq) VALUES
                ('ann', 'general', 120), ('ben', 'general', 40), ('ben', 'workflow', 100000), ('ann', 'dm:code:ann', 200);
            """;

    @Test
    void theMigrationCountsExistingMessagesAsCountingDid() throws Exception {
        String database = "backfill_" + System.nanoTime();
        try (Connection server = Sql.connect()) {
            Sql.execute(server, "CREATE DATABASE " + database);
        }
        String url = Sql.urlOf(database);
        try {
            flyway(url).target("14").load().migrate();
            Map<String, List<Map<String, Object>>> before;
            try (Connection db = Sql.connect(url)) {
                Sql.execute(db, SEED);
                before = Map.of("ann", Sql.rows(db, OldUnreadCount.forUser("ann")),
                        "ben", Sql.rows(db, OldUnreadCount.forUser("ben")));
            }
            flyway(url).load().migrate();
            try (Connection db = Sql.connect(url)) {
                for (String person : before.keySet()) {
                    List<Map<String, Object>> kept = Sql.rows(db, ChannelRepository.CHANNELS_FOR_USER
                            .replace("?1", "'" + person + "'").replace("?2", "false")).stream()
                            .map(row -> Map.<String, Object>of("name", row.get("name"), "last_seq", row.get("last_seq"),
                                    "unread", ((Number) row.get("unread")).longValue()))
                            .toList();
                    assertThat(kept).as(person).isEqualTo(before.get(person).stream()
                            .map(row -> Map.<String, Object>of("name", row.get("name"), "last_seq", row.get("last_seq"),
                                    "unread", ((Number) row.get("unread")).longValue()))
                            .toList());
                }
                // ben is named in public channels' messages after his marker; ann's DM mentions of ben reach nobody
                assertThat(Sql.number(db, "SELECT mentions_unread FROM read_markers WHERE username = 'ben' AND channel = 'general'"))
                        .isEqualTo(Sql.number(db, """
                                SELECT count(*) FROM messages WHERE channel = 'general' AND seq > 40
                                  AND deleted_at IS NULL AND content LIKE '%@ben%' AND author_id <> 'ben'"""));
                assertThat(Sql.number(db, "SELECT COALESCE(sum(mentions_unread), 0) FROM read_markers"
                        + " WHERE username = 'ben' AND channel = 'dm:code:ann'"))
                        .isZero();
            }
        } finally {
            try (Connection server = Sql.connect()) {
                Sql.execute(server, "DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return Flyway.configure()
                .dataSource(url, config.getValue("quarkus.datasource.username", String.class),
                        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))
                .locations("classpath:db/migration");
    }
}
