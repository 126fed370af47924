package dev.workflowchat.chat.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Approvals;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.McpAgents;
import dev.workflowchat.chat.support.TestServices;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * read_messages for an agent far behind: from an old seq it pages forward through more than the
 * 200 a page holds, oldest first, each page starting where the last ended, until none is left.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class McpReadMessagesTest {

    private static final int WRITTEN = 250;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    private McpAgents agents;

    @BeforeEach
    void setUp() {
        agents = new McpAgents(base);
    }

    @Test
    void anAgentFarBehindCatchesUpPageByPageFromItsSeq() {
        String channel = channelWithMessages("behind");
        try (McpSyncClient client = agents.connect(agents.mint(McpAgents.newAgent()))) {
            JsonNode latest = read(client, Map.of("channel", channel, "limit", 200));
            assertThat(latest.path("has_more").asBoolean()).isTrue();
            assertThat(contents(latest)).hasSize(200).last().isEqualTo("m " + WRITTEN);

            JsonNode first = read(client, Map.of("channel", channel, "after_seq", 0, "limit", 200));
            assertThat(first.path("has_more").asBoolean()).isTrue();
            assertThat(contents(first)).hasSize(200).first().isEqualTo("m 1");
            JsonNode second = read(client, Map.of("channel", channel, "after_seq", lastSeq(first), "limit", 200));
            assertThat(second.path("has_more").asBoolean()).isFalse();
            List<String> caughtUp = new ArrayList<>(contents(first));
            caughtUp.addAll(contents(second));
            assertThat(caughtUp).containsExactlyElementsOf(IntStream.rangeClosed(1, WRITTEN).mapToObj(i -> "m " + i).toList());

            JsonNode none = read(client, Map.of("channel", channel, "after_seq", lastSeq(second)));
            assertThat(none.path("messages")).isEmpty();
            assertThat(none.path("has_more").asBoolean()).isFalse();
        }
    }

    @Test
    void aSmallPageAfterASeqSaysMoreAreWaiting() {
        String channel = channelWithMessages("paged");
        try (McpSyncClient client = agents.connect(agents.mint(McpAgents.newAgent()))) {
            JsonNode first = read(client, Map.of("channel", channel, "after_seq", 0, "limit", 3));
            assertThat(contents(first)).containsExactly("m 1", "m 2", "m 3");
            assertThat(first.path("has_more").asBoolean()).isTrue();
            JsonNode next = read(client, Map.of("channel", channel, "after_seq", lastSeq(first), "limit", 2));
            assertThat(contents(next)).containsExactly("m 4", "m 5");
        }
    }

    @Test
    void aNegativeSeqOrALimitOutOfRangeIsAToolError() {
        String channel = Channels.create("refused");
        try (McpSyncClient client = agents.connect(agents.mint(McpAgents.newAgent()))) {
            assertError(McpAgents.call(client, "read_messages", Map.of("channel", channel, "after_seq", -1)),
                    "bad_request: after_seq must be 0 or more");
            assertError(McpAgents.call(client, "read_messages", Map.of("channel", channel, "after_seq", 0, "limit", 201)),
                    "bad_request: limit must be 1 to 200");
            assertError(McpAgents.call(client, "read_messages", Map.of("channel", channel, "limit", 0)),
                    "bad_request: limit must be 1 to 200");
            assertError(McpAgents.call(client, "read_messages", Map.of("channel", "no-such-" + channel, "after_seq", 0)),
                    "not_found");
        }
    }

    /** A new channel holding m 1 … m 250 (written straight to the table: the paging is what is tested). */
    private String channelWithMessages(String prefix) {
        String channel = Channels.create(prefix);
        pool.preparedQuery("""
                        INSERT INTO messages (id, seq, channel, author_type, author_id, author_name, content, source)
                        SELECT gen_random_uuid(), nextval('change_seq'), $1, 'agent', 'code', 'code', 'm ' || g, 'agent'
                        FROM generate_series(1, $2) g ORDER BY g""")
                .execute(Tuple.of(channel, WRITTEN)).await().atMost(Duration.ofSeconds(10));
        return channel;
    }

    private static JsonNode read(McpSyncClient client, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = McpAgents.call(client, "read_messages", arguments);
        assertThat(result.isError()).as(McpAgents.text(result)).isNotEqualTo(Boolean.TRUE);
        return Approvals.json(McpAgents.text(result));
    }

    private static List<String> contents(JsonNode page) {
        return page.path("messages").findValuesAsText("content");
    }

    private static long lastSeq(JsonNode page) {
        JsonNode messages = page.path("messages");
        return messages.get(messages.size() - 1).path("seq").asLong();
    }

    private static void assertError(McpSchema.CallToolResult result, String start) {
        assertThat(result.isError()).as(McpAgents.text(result)).isTrue();
        assertThat(McpAgents.text(result)).startsWith(start);
    }
}
