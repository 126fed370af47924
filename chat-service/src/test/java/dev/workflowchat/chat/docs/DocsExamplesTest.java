package dev.workflowchat.chat.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.command.CommandLine;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.History;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The redis-cli examples of docs/protocol.md work as written (under this run's prefix, with alice a
 * member of this run): on the agents' own ways in, the shared one and the bridge's.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DocsExamplesTest {

    private static final Path PROTOCOL_DOC = Path.of("..", "docs", "protocol.md");
    private static final Set<String> RUNNABLE = Set.of("PUBLISH", "XADD", "XRANGE", "XREVRANGE", "XREAD", "GET");
    /** An agent's own stream is found by looking for it every 10 s, then read from its start. */
    private static final Duration OWN_STREAM_WAIT = Duration.ofSeconds(45);

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
                redis.execute("PUBSUB", "NUMSUB", names.in()).get(1).toLong() >= 1
                        && redis.execute("PUBSUB", "NUMPAT").toLong() >= 1);

        String token = Accounts.member("reader").token();
        Accounts.SignedIn alice = Accounts.member("alice");
        String unique = "-" + System.nanoTime();
        try (ChatClient client = ChatClient.connect(base, token)) {
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>();
                for (String arg : command.subList(1, command.size())) {
                    args.add(arg.replace("wfchat:", names.prefix() + ":")
                            .replace("dm:code:alice", "dm:code:" + alice.username())
                            .replace("\"id\":\"doc-", "\"id\":\"doc" + unique + "-"));
                }
                if (RUNNABLE.contains(command.get(0))) {
                    redis.execute(command.get(0), args.toArray(String[]::new));
                } else {
                    assertThat(command.get(0)).isEqualTo("SUBSCRIBE");
                    assertThat(args.get(0)).isEqualTo(names.agent("code"));
                }
            }

            await().atMost(OWN_STREAM_WAIT).until(() -> generalContents(client).containsAll(List.of(
                    "Build **green**: 142 tests pass", "Regression suite queued", "Mockups attached to the epic",
                    "Morning from Discord!")));
            await().atMost(OWN_STREAM_WAIT).ignoreExceptions().until(() -> History.contents(Accounts.inProcess(),
                    alice.token(), "dm:code:" + alice.username()).contains("Looking at the login bug now"));
            assertThat(generalContents(client)).containsOnlyOnce("Build **green**: 142 tests pass", "Regression suite queued")
                    .doesNotContain("Posing as qa");
            assertThat(new Agent(redis, names).deadLetterOf("doc" + unique + "-refused-1"))
                    .isEqualTo("on code's own way in, source must be agent:code and the agent code");
            JsonNode presence = client.awaitFrame(frame -> "presence".equals(frame.path("type").asText())
                    && "Implement login".equals(frame.path("agents").path(0).path("task").asText()));
            assertThat(presence.path("agents").path(0).path("status").asText()).isEqualTo("busy");
            assertThat(presence.path("agents").path(0).path("status_since").isTextual()).isTrue();
            JsonNode approval = client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && "Refactor auth".equals(frame.path("approval").path("title").asText()));
            assertThat(approval.path("approval").path("requested_by").asText()).isEqualTo("code");
            JsonNode risky = client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && "Push the fix".equals(frame.path("approval").path("title").asText()));
            assertThat(risky.path("approval").path("risk").asText()).isEqualTo("high");
            assertThat(risky.path("approval").path("context").path("command").asText()).isEqualTo("git push origin main");
            JsonNode quorum = client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && "Deploy to staging".equals(frame.path("approval").path("title").asText()));
            assertThat(quorum.path("approval").path("required_approvals").asInt()).isEqualTo(2);
            assertThat(quorum.path("approval").path("on_expiry").asText()).isEqualTo("reject");
            assertThat(quorum.path("approval").path("escalate_to").asText()).isEqualTo("role:admin");
            JsonNode proposal = client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && "story_proposal".equals(frame.path("approval").path("request_type").asText()));
            assertThat(proposal.path("approval").path("title").asText()).isEqualTo("1 story proposed for default · E1");
            assertThat(proposal.path("approval").path("requested_by").asText()).isEqualTo("design");
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
            } else if (fenced && line.startsWith("redis-cli ") && !line.startsWith("redis-cli -c ")) {
                // (redis-cli -c: a cluster's example, run by RedisClusterIT on a cluster)
                List<String> words = new ArrayList<>(CommandLine.parse(line).args());
                words.set(0, words.get(0).toUpperCase(java.util.Locale.ROOT));
                commands.add(words);
            }
        }
        return commands;
    }
}
