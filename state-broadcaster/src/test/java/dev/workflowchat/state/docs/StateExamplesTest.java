package dev.workflowchat.state.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.infra.TestRunResource;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.state.service.StateClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The redis-cli examples of docs/protocol.md for the state-broadcaster's ways in work as written (under this run's prefix). */
@QuarkusTest
@WithTestResource(value = TestRunResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StateExamplesTest {

    private static final Pattern STATE_LINE = Pattern.compile("^redis-cli (XADD|PUBLISH) (wfchat:state:\\S+) (.*)$");

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void theStateExamplesWork() throws Exception {
        String unique = "-" + System.nanoTime();
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "protocol.md"))) {
            Matcher matcher = STATE_LINE.matcher(line);
            if (matcher.matches()) {
                String key = matcher.group(2).replace("wfchat:", names.prefix() + ":");
                String rest = matcher.group(3).replace("\"id\":\"doc-", "\"id\":\"doc" + unique + "-");
                lines.add(new String[] {matcher.group(1), key, rest});
            }
        }
        assertThat(lines).extracting(line -> line[0]).contains("XADD", "PUBLISH");
        try (StateClient client = new StateClient(redis, names)) {
            await().atMost(StateClient.WAIT).until(() -> redis.execute("PUBSUB", "NUMPAT").toLong() >= 1);
            for (String[] line : lines) {
                if ("XADD".equals(line[0])) {
                    // '*' event '<json>'
                    String json = line[2].substring(line[2].indexOf("event '") + 7, line[2].length() - 1);
                    redis.stream(String.class).xadd(line[1], java.util.Map.of("event", json));
                } else {
                    redis.pubsub(String.class).publish(line[1], line[2].substring(1, line[2].length() - 1));
                }
            }
            await().atMost(StateClient.WAIT).until(() -> "TEST_RED".equals(
                    client.snapshotOf("default").path("tdd_cycles").path("S1").asText()));
            JsonNode logs = client.invoke("default", "/tdd", List.of("logs", "S1"));
            assertThat(logs.path("data").path("message").asText())
                    .contains("TEST_RED by agent:code · tests 41 passed, 1 failed, 0 skipped · commit 9f2c1e7 · CI failed"
                            + " · https://ci.example.com/runs/812");
            // the snapshot's tdd_moves shows the same move, as the protocol's example of it does
            JsonNode move = client.snapshotOf("default").path("tdd_moves").path("S1").path(0);
            assertThat(move.path("to").asText()).isEqualTo("TEST_RED");
            assertThat(move.path("tests").path("passed").asInt()).isEqualTo(41);
            assertThat(move.path("ci").asText()).isEqualTo("failed");
            assertThat(move.path("url").asText()).isEqualTo("https://ci.example.com/runs/812");
            await().atMost(StateClient.WAIT).until(() -> client.snapshotOf("default").path("agents")
                    .findValuesAsText("agent").contains("code"));
        }
    }
}
