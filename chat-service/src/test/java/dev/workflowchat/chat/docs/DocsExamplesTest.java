package dev.workflowchat.chat.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.command.CommandLine;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The redis-cli examples of docs/protocol.md work as written (under this run's prefix). */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DocsExamplesTest {

    private static final Path PROTOCOL_DOC = Path.of("..", "docs", "protocol.md");
    private static final Set<String> RUNNABLE = Set.of("PUBLISH", "XADD", "XRANGE", "XREVRANGE", "XREAD", "GET");

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void theRedisCliExamplesWork() throws IOException {
        List<List<String>> commands = redisCliLines();
        assertThat(commands).extracting(command -> command.get(0))
                .contains("PUBLISH", "XADD", "SUBSCRIBE", "XREAD", "XRANGE");
        await().atMost(ChatClient.WAIT).until(() ->
                redis.execute("PUBSUB", "NUMSUB", names.in()).get(1).toLong() >= 1);

        String token = Accounts.member("reader").token();
        try (ChatClient client = ChatClient.connect(base, token)) {
            String unique = "-" + System.nanoTime();
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>();
                for (String arg : command.subList(1, command.size())) {
                    args.add(arg.replace("wfchat:", names.prefix() + ":")
                            .replace("\"id\":\"doc-", "\"id\":\"doc" + unique + "-"));
                }
                if (RUNNABLE.contains(command.get(0))) {
                    redis.execute(command.get(0), args.toArray(String[]::new));
                } else {
                    assertThat(command.get(0)).isEqualTo("SUBSCRIBE");
                    assertThat(args.get(0)).isEqualTo(names.agent("code"));
                }
            }

            await().atMost(ChatClient.WAIT).until(() -> generalContents(client).containsAll(List.of(
                    "Build **green**: 142 tests pass", "Regression suite queued", "Morning from Discord!")));
            assertThat(generalContents(client)).containsOnlyOnce("Build **green**: 142 tests pass", "Regression suite queued");
            JsonNode presence = client.awaitFrame(frame -> "presence".equals(frame.path("type").asText())
                    && "Implement login".equals(frame.path("agents").path(0).path("task").asText()));
            assertThat(presence.path("agents").path(0).path("status").asText()).isEqualTo("busy");
            JsonNode approval = client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && "Refactor auth".equals(frame.path("approval").path("title").asText()));
            assertThat(approval.path("approval").path("requested_by").asText()).isEqualTo("code");
        }
    }

    private static List<String> generalContents(ChatClient client) {
        return client.awaitAck(client.send("history", "channel", "general", "limit", 200))
                .path("messages").findValuesAsText("content");
    }

    /** Every {@code redis-cli} line in a fenced block, split as a shell would split it. */
    private static List<List<String>> redisCliLines() throws IOException {
        List<List<String>> commands = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(PROTOCOL_DOC)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (fenced && line.startsWith("redis-cli ")) {
                List<String> words = new ArrayList<>(CommandLine.parse(line).args());
                words.set(0, words.get(0).toUpperCase(java.util.Locale.ROOT));
                commands.add(words);
            }
        }
        return commands;
    }
}
