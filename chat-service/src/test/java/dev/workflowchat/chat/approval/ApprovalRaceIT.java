package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two approvers on two replicas decide the same approval at once: one decision, one conflict, one announcement. */
class ApprovalRaceIT {

    private static final int ROUNDS = 5;

    @Test
    void exactlyOneDecisionWinsAcrossReplicas() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess first = ChatServiceProcess.start("judge-a", run, run.redis(), Map.of());
             ChatServiceProcess second = ChatServiceProcess.start("judge-b", run, run.redis(), Map.of());
             RedisClient redis = new RedisClient(run.redis().uri())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            String ann = Accounts.on(first.base()).newApprover("ann").token();
            String ben = Accounts.on(second.base()).newApprover("ben").token();
            try (ChatClient annClient = ChatClient.connect(first.base(), ann);
                 ChatClient benClient = ChatClient.connect(second.base(), ben)) {
                for (int round = 0; round < ROUNDS; round++) {
                    String id = "race-" + round + "-" + System.nanoTime();
                    redis.xadd(names.inStream(), Agent.approvalRequest(id, "code", "code_change", "Race " + round,
                            "{\"files\":[\"a.py\"]}", 600));
                    annClient.awaitFrame(requested(id));
                    benClient.awaitFrame(requested(id));

                    String annRef = annClient.send("approval.respond", "approval_id", id, "action", "approve");
                    String benRef = benClient.send("approval.respond", "approval_id", id, "action", "reject",
                            "comment", "not yet");
                    List<String> answers = new ArrayList<>();
                    answers.add(annClient.awaitAnswer(annRef).path("type").asText());
                    answers.add(benClient.awaitAnswer(benRef).path("type").asText());
                    assertThat(answers).containsExactlyInAnyOrder("ack", "error");
                    JsonNode loser = "error".equals(answers.get(0)) ? annClient.awaitAnswer(annRef) : benClient.awaitAnswer(benRef);
                    assertThat(loser.path("code").asText()).isEqualTo("conflict");

                    annClient.awaitFrame(decided(id));
                    benClient.awaitFrame(decided(id));
                    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                            .until(() -> decisionsFor(redis, names, id) == 1);
                    assertThat(annClient.frames().stream().filter(decided(id))).hasSize(1);
                    assertThat(benClient.frames().stream().filter(decided(id))).hasSize(1);
                }
            }
        }
    }

    /**
     * A quorum of three with one approval in: the two others click at once on two replicas; both count and
     * exactly one decision goes out. Then the last slot of a quorum of two, clicked by two at once.
     */
    @Test
    void theLastQuorumSlotGoesToOneOfTwoApproversOnTwoReplicas() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess first = ChatServiceProcess.start("quorum-a", run, run.redis(), Map.of());
             ChatServiceProcess second = ChatServiceProcess.start("quorum-b", run, run.redis(), Map.of());
             RedisClient redis = new RedisClient(run.redis().uri())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            String cid = Accounts.on(first.base()).newApprover("cid").token();
            String ann = Accounts.on(first.base()).newApprover("ann").token();
            String ben = Accounts.on(second.base()).newApprover("ben").token();
            try (ChatClient cidClient = ChatClient.connect(first.base(), cid);
                 ChatClient annClient = ChatClient.connect(first.base(), ann);
                 ChatClient benClient = ChatClient.connect(second.base(), ben)) {
                for (int round = 0; round < ROUNDS; round++) {
                    String id = "quorum-" + round + "-" + System.nanoTime();
                    redis.xadd(names.inStream(), Agent.approvalRequest(id, "code", "code_change", "Quorum " + round,
                            "{\"files\":[\"a.py\"]}", 600).replace("\"expires_in_s\"", "\"required_approvals\":3,\"expires_in_s\""));
                    annClient.awaitFrame(requested(id));
                    benClient.awaitFrame(requested(id));
                    cidClient.awaitAck(cidClient.send("approval.respond", "approval_id", id, "action", "approve"));

                    String annRef = annClient.send("approval.respond", "approval_id", id, "action", "approve");
                    String benRef = benClient.send("approval.respond", "approval_id", id, "action", "approve");
                    JsonNode annAnswer = annClient.awaitAnswer(annRef);
                    JsonNode benAnswer = benClient.awaitAnswer(benRef);
                    // both votes count (3 of 3): the later one decides; never a lost vote, never two decisions
                    assertThat(List.of(annAnswer.path("type").asText(), benAnswer.path("type").asText()))
                            .containsExactly("ack", "ack");
                    assertThat(List.of(annAnswer.path("approval").path("status").asText(),
                            benAnswer.path("approval").path("status").asText())).containsExactlyInAnyOrder("pending", "approved");

                    annClient.awaitFrame(decided(id));
                    benClient.awaitFrame(decided(id));
                    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                            .until(() -> decisionsFor(redis, names, id) == 1);
                }
                // and the last slot of a quorum of two, clicked by two at once: one decides, one is told it is decided
                String id = "quorum-last-" + System.nanoTime();
                redis.xadd(names.inStream(), Agent.approvalRequest(id, "code", "code_change", "Quorum last",
                        "{}", 600).replace("\"expires_in_s\"", "\"required_approvals\":2,\"expires_in_s\""));
                annClient.awaitFrame(requested(id));
                benClient.awaitFrame(requested(id));
                cidClient.awaitAck(cidClient.send("approval.respond", "approval_id", id, "action", "approve"));
                String annRef = annClient.send("approval.respond", "approval_id", id, "action", "approve");
                String benRef = benClient.send("approval.respond", "approval_id", id, "action", "approve");
                List<String> answers = List.of(annClient.awaitAnswer(annRef).path("type").asText(),
                        benClient.awaitAnswer(benRef).path("type").asText());
                assertThat(answers).containsExactlyInAnyOrder("ack", "error");
                JsonNode loser = "error".equals(answers.get(0)) ? annClient.awaitAnswer(annRef) : benClient.awaitAnswer(benRef);
                assertThat(loser.path("code").asText()).isEqualTo("conflict");
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .until(() -> decisionsFor(redis, names, id) == 1);
            }
        }
    }

    static java.util.function.Predicate<JsonNode> requested(String id) {
        return frame -> "approval.requested".equals(frame.path("type").asText())
                && id.equals(frame.path("approval").path("approval_id").asText());
    }

    static java.util.function.Predicate<JsonNode> decided(String id) {
        return frame -> "approval.decided".equals(frame.path("type").asText())
                && id.equals(frame.path("approval").path("approval_id").asText());
    }

    /** How many approval.decided for this approval the requesting agent finds in its stream. */
    static long decisionsFor(RedisClient redis, RedisNames names, String id) {
        return redis.xrange(names.agentStream("code")).stream()
                .map(entry -> entry.get(1).get(1).toString())
                .map(ApprovalRaceIT::read)
                .filter(event -> "approval.decided".equals(event.path("type").asText())
                        && id.equals(event.path("data").path("approval_id").asText()))
                .count();
    }

    private static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
