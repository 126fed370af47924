package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.command.CommandLine;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.RedisCluster;
import dev.workflowchat.infra.RedisEndpoint;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two chat-service replicas and the state-broadcaster on a real Redis Cluster (three masters, a replica
 * each; {@code QUARKUS_REDIS_CLIENT_TYPE=cluster}, the names under a hash-tag prefix as docs/operations.md
 * says): people on the two replicas talk, an agent speaks and asks on its own stream and hears a person's
 * decision, a workflow command runs, and the login throttle counts across replicas. No CROSSSLOT anywhere.
 */
class RedisClusterIT {

    @Test
    void shouldServeTheCoreFlowsOnARedisCluster() throws Exception {
        try (TestRun run = TestRun.start(); RedisCluster cluster = RedisCluster.start()) {
            String prefix = "{" + run.redisPrefix() + "}";
            RedisNames names = new RedisNames(prefix);
            Map<String, String> onCluster = Map.of("QUARKUS_REDIS_HOSTS", cluster.hosts(), "QUARKUS_REDIS_CLIENT_TYPE", "cluster");
            RedisEndpoint seed = cluster.masters().get(0).endpoint();
            try (ChatServiceProcess first = ChatServiceProcess.start("cluster-a", run.database(), seed, prefix, onCluster);
                 ChatServiceProcess second = ChatServiceProcess.start("cluster-b", run.database(), seed, prefix, onCluster);
                 StateBroadcasterProcess state = StateBroadcasterProcess.start(run, seed, withPrefix(onCluster, prefix))) {
                Accounts onFirst = Accounts.on(first.base());
                Accounts onSecond = Accounts.on(second.base());
                String alice = onFirst.newApprover("alice").token();
                String bob = onSecond.newMember("bob").token();
                try (ChatClient aliceClient = ChatClient.connect(first.base(), alice);
                     ChatClient bobClient = ChatClient.connect(second.base(), bob)) {
                    // people on the two replicas
                    String fromAlice = aliceClient.post("general", "hello from replica a");
                    bobClient.awaitFrame(ChatClient.created(fromAlice));
                    String fromBob = bobClient.post("general", "hello back from replica b");
                    aliceClient.awaitFrame(ChatClient.created(fromBob));

                    // an agent on its own stream: stored once, seen on both replicas
                    cluster.call(names.inStream("code"), "XADD", names.inStream("code"), "*", "event",
                            Agent.message(Agent.newId(), "code", "general", "agent says hi"));
                    aliceClient.awaitFrame(frame -> "agent says hi".equals(frame.path("message").path("content").asText()));
                    bobClient.awaitFrame(frame -> "agent says hi".equals(frame.path("message").path("content").asText()));

                    // it asks on its stream, a person decides, and it hears the decision on its own stream
                    String approval = Agent.newId();
                    cluster.call(names.inStream("code"), "XADD", names.inStream("code"), "*", "event",
                            Agent.approvalRequest(approval, "code", "code_change", "On a cluster", "{}", 600));
                    await().atMost(ChatClient.WAIT).until(() -> onSecond.request().auth().oauth2(bob)
                            .get("/api/approvals/" + approval).statusCode() == 200);
                    onFirst.request().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("action", "approve"))
                            .post("/api/approvals/" + approval + "/decision").then().statusCode(200);
                    await().atMost(ChatClient.WAIT).until(() -> String.valueOf(cluster.call(names.agentStream("code"),
                            "XRANGE", names.agentStream("code"), "-", "+")).contains(approval));

                    // a workflow command: through the state-broadcaster's MULTI/EXEC, announced on both replicas
                    JsonNode result = aliceClient.awaitAnswer(aliceClient.send("message.send", "channel", "workflow",
                            "content", "/epic \"Scale out\""));
                    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
                    assertThat(result.path("state").asText()).isEqualTo("BACKLOG_READY");
                    bobClient.awaitFrame(frame -> "workflow.state".equals(frame.path("type").asText())
                            && "BACKLOG_READY".equals(frame.path("snapshot").path("state").asText()));
                    assertThat(String.valueOf(cluster.call(names.stateSnapshot("default"), "GET",
                            names.stateSnapshot("default")))).contains("BACKLOG_READY");

                    // the login throttle's script of three keys, counted across the replicas: the sixth try is refused
                    String username = onFirst.newMember("guessed").username();
                    List<Integer> statuses = new ArrayList<>();
                    for (int attempt = 0; attempt < 6; attempt++) {
                        Accounts on = attempt % 2 == 0 ? onFirst : onSecond;
                        statuses.add(on.request().contentType(ContentType.JSON)
                                .body(Map.of("username", username, "password", "wrong-" + attempt))
                                .post("/api/auth/login").statusCode());
                    }
                    assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);

                    // the cluster example of docs/protocol.md, as written but for this run's prefix
                    List<String> example = clusterExample(prefix);
                    cluster.call(example.get(1), example.toArray(String[]::new));

                    await().atMost(ChatClient.WAIT).until(() -> History.contents(onSecond, bob, "general").size() == 4);
                    assertThat(History.contents(onFirst, alice, "general")).containsExactly("hello from replica a",
                            "hello back from replica b", "agent says hi", "Hello from a cluster");
                }
                for (String log : List.of(first.wholeLog(), second.wholeLog(), state.log())) {
                    assertThat(log).doesNotContain("CROSSSLOT").doesNotContain("Transactions in Redis cluster disabled");
                }
            }
        }
    }

    private static Map<String, String> withPrefix(Map<String, String> settings, String prefix) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("WFCHAT_REDIS_PREFIX", prefix);
        return all;
    }

    /** The {@code redis-cli -c} line of docs/protocol.md, its words after {@code -c}, under {@code prefix}. */
    private static List<String> clusterExample(String prefix) throws java.io.IOException {
        String line = Files.readAllLines(Path.of("..", "docs", "protocol.md")).stream()
                .filter(text -> text.startsWith("redis-cli -c ")).findFirst().orElseThrow();
        return CommandLine.parse(line).args().stream().skip(1)
                .map(word -> word.replace(RedisNames.CLUSTER_PREFIX + ":", prefix + ":")
                        .replace("\"id\":\"doc-", "\"id\":\"doc-" + System.nanoTime() + "-"))
                .toList();
    }
}
