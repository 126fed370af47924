package dev.workflowchat.chat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-channel queries on messages use the (channel, seq) index, also when one channel's
 * messages are old and many others came after them, the shape where a seq-only index tempts the
 * planner into walking every later message (found by the benchmark: seconds per ready frame); and
 * the ready frame's channel list reads the counters kept on write, no messages at all.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class QueryPlansTest {

    private static final int CHANNELS = 24;
    private static final int PER_CHANNEL = 1_000;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    java.util.Optional<String> password;

    private String first;

    @BeforeEach
    void seedChannelsOneAfterAnother() throws SQLException {
        String prefix = "plans-" + Long.toString(System.nanoTime(), 36);
        first = prefix + "-0";
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password.orElse(""));
             Statement statement = connection.createStatement()) {
            for (int channel = 0; channel < CHANNELS; channel++) {
                String name = prefix + "-" + channel;
                statement.execute("INSERT INTO channels (name) VALUES ('" + name + "')");
                statement.execute("""
                        INSERT INTO messages (id, seq, channel, author_type, author_id, author_name, content, source)
                        SELECT gen_random_uuid(), nextval('change_seq'), '%s', 'agent', 'code', 'code', 'm ' || g, 'agent'
                        FROM generate_series(1, %d) g""".formatted(name, PER_CHANNEL));
            }
            statement.execute("""
                    INSERT INTO changes (seq, channel, type, frame)
                    SELECT seq, channel, 'message.created', '{}' FROM messages WHERE channel LIKE '%s-%%'""".formatted(prefix));
            statement.execute("ANALYZE messages");
            statement.execute("ANALYZE changes");
        }
    }

    @Test
    void theReadyFramesChannelListReadsNoMessages() throws SQLException {
        String plan = explain(ChannelRepository.CHANNELS_FOR_USER.replace("?1", "'nobody'").replace("?2", "false"));
        assertThat(plan).contains("channel_counters").doesNotContain(" on messages").doesNotContain("messages_");
    }

    @Test
    void theUnreadListReadsNoMessages() throws SQLException {
        String plan = explain(ChannelRepository.UNREAD_FOR_USER.replace("?1", "'nobody'").replace("?2", "false"));
        assertThat(plan).contains("channel_counters").doesNotContain(" on messages").doesNotContain("messages_");
    }

    @Test
    void aHistoryPageOfAnOldChannelUsesTheChannelIndex() throws SQLException {
        String plan = explain("SELECT * FROM messages WHERE channel = '" + first
                + "' AND seq < 9223372036854775807 ORDER BY seq DESC LIMIT 51");
        assertThat(plan).contains("messages_channel_seq_idx").doesNotContain("messages_seq_key");
    }

    @Test
    void resumingOneChannelAfterOthersWereBusyUsesTheChannelIndex() throws SQLException {
        String plan = explain(ChangeLog.ONE_CHANNEL_AFTER.replace("?1", "0").replace("?2", "26").replace("?3", "'nobody'")
                .replace("?4", "false").replace("?5", "1048576").replace("?6", "'" + first + "'"));
        assertThat(plan).contains("changes_channel_seq_idx").doesNotContain("changes_pkey");
    }

    private String explain(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password.orElse(""));
             Statement statement = connection.createStatement();
             ResultSet plan = statement.executeQuery("EXPLAIN " + sql)) {
            while (plan.next()) {
                lines.add(plan.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}
