package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.TcpProxy;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.net.URI;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What a cluster promises: two replicas behind one round-robin balancer behave as one chat. Each
 * person's socket lands on another replica; they talk, and an approval decided through one replica
 * is announced through both, once.
 */
class BehindALoadBalancerIT {

    @Test
    void twoReplicasBehindOneBalancerAreOneChat() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess first = ChatServiceProcess.start("pod-a", run, run.redis(), Map.of());
             ChatServiceProcess second = ChatServiceProcess.start("pod-b", run, run.redis(), Map.of());
             RedisClient redis = new RedisClient(run.redis().uri())) {
            Accounts accounts = Accounts.on(first.base());
            Accounts.SignedIn lead = accounts.newApprover("lead");
            Accounts.SignedIn dev = accounts.newMember("dev");
            try (TcpProxy balancer = TcpProxy.roundRobin(first.port(), second.port())) {
                URI front = URI.create("http://127.0.0.1:" + balancer.port());
                // the balancer's first connection goes to pod-a, its second to pod-b
                try (ChatClient onA = ChatClient.connect(front, lead.token());
                     ChatClient onB = ChatClient.connect(front, dev.token())) {
                    String question = onB.post("general", "shall we ship?");
                    onA.awaitFrame(ChatClient.created(question));
                    String answer = onA.post("general", "after the approval");
                    onB.awaitFrame(ChatClient.created(answer));

                    String approvalId = Agent.newId();
                    redis.xadd(new RedisNames(run.redisPrefix()).inStream(), Agent.approvalRequest(approvalId, "code",
                            "code_change", "Ship it", "{\"files\":[\"Release.java\"]}", 600));
                    onA.awaitFrame(approval("approval.requested", approvalId));
                    onB.awaitFrame(approval("approval.requested", approvalId));

                    onA.awaitAck(onA.send("approval.respond", "approval_id", approvalId, "action", "approve"));
                    JsonNode decidedOnB = onB.awaitFrame(approval("approval.decided", approvalId));
                    assertThat(decidedOnB.path("approval").path("status").asText()).isEqualTo("approved");
                    onA.awaitFrame(approval("approval.decided", approvalId));

                    RedisNames names = new RedisNames(run.redisPrefix());
                    await().atMost(ChatClient.WAIT).until(() -> redis.xrange(names.agentStream("code")).stream()
                            .anyMatch(entry -> entry.toString().contains(approvalId)));
                    assertThat(redis.xrange(names.agentStream("code")).stream()
                            .filter(entry -> entry.toString().contains("approval.decided") && entry.toString().contains(approvalId)))
                            .hasSize(1);
                    assertThat(onA.frames().stream().filter(approval("approval.decided", approvalId))).hasSize(1);
                    assertThat(onB.frames().stream().filter(approval("approval.decided", approvalId))).hasSize(1);
                }
            }
        }
    }

    private static Predicate<JsonNode> approval(String type, String approvalId) {
        return frame -> type.equals(frame.path("type").asText())
                && approvalId.equals(frame.path("approval").path("approval_id").asText());
    }
}
