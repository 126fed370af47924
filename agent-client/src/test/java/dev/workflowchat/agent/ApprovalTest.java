package dev.workflowchat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRedis.class)
class ApprovalTest {

    private static final Map<String, Object> CODE_CHANGE = Map.of("files", List.of("auth.py"),
            "diff", "-    return False\n+    return check(token)");

    private final EventParser parser = new EventParser();
    private final Map<String, CompletableFuture<Decision>> pending = new java.util.HashMap<>();
    private String agent;
    private AgentClient client;
    private ChatSimulator chat;

    @BeforeEach
    void connect() {
        agent = SharedRedis.agent("code");
        client = SharedRedis.connect(agent);
        chat = SharedRedis.chat(agent);
    }

    @AfterEach
    void close() {
        client.close();
        chat.close();
    }

    @Test
    void shouldSendAValidRequestWhoseIdIsTheApprovalId() {
        ApprovalRequest request = ApprovalRequest.of("code_change", "Refactor auth", CODE_CHANGE, Duration.ofMinutes(10))
                .inChannel("general");
        client.requestApproval(request).subscribeAsCompletionStage();

        InboundEvent event = parser.inbound(chat.rawSent(request.id()), EventTypes.CHAT_INBOUND);

        assertThat(event).isInstanceOfSatisfying(InboundEvent.ApprovalRequest.class, sent -> {
            assertThat(sent.id()).isEqualTo(request.id());
            assertThat(sent.source()).isEqualTo("agent:" + agent);
            assertThat(sent.requestType()).isEqualTo("code_change");
            assertThat(sent.title()).isEqualTo("Refactor auth");
            assertThat(sent.payload()).containsEntry("files", List.of("auth.py")).containsKey("diff");
            assertThat(sent.channel()).isEqualTo("general");
            assertThat(sent.expiresInSeconds()).isEqualTo(600);
        });
    }

    @Test
    void shouldCompleteWithItsOwnDecisionAndIgnoreOthers() throws Exception {
        ApprovalRequest request = ApprovalRequest.of("code_change", "Refactor auth", CODE_CHANGE, null);
        CompletableFuture<Decision> decision = client.requestApproval(request).subscribeAsCompletionStage();
        chat.sent(request.id());

        chat.decide("ap-someone-else", "rejected", "not this one", null);
        Listening.stays(() -> !decision.isDone(), Duration.ofMillis(500));
        assertThat(decision).isNotDone();

        chat.decide(request.id(), "approved", "ship it", null);

        Decision decided = decision.get(5, TimeUnit.SECONDS);
        assertThat(decided.approvalId()).isEqualTo(request.id());
        assertThat(decided.outcome()).isEqualTo(Decision.Outcome.APPROVED);
        assertThat(decided.decidedBy()).isEqualTo("alice");
        assertThat(decided.comment()).isEqualTo("ship it");
        assertThat(decided.decidedAt()).isNotNull();
        assertThat(decided.mayProceed()).isTrue();
    }

    @Test
    void shouldTellRejectedModifiedExpiredAndCancelledApart() throws Exception {
        assertThat(decideAs("rejected", "split it in two", null).outcome()).isEqualTo(Decision.Outcome.REJECTED);
        Decision modified = decideAs("approved", "smaller please", Map.of("files", List.of("auth.py", "token.py")));
        assertThat(modified.outcome()).isEqualTo(Decision.Outcome.MODIFIED);
        assertThat(modified.modifications()).containsEntry("files", List.of("auth.py", "token.py"));
        assertThat(decideAs("expired", null, null).outcome()).isEqualTo(Decision.Outcome.EXPIRED);
        assertThat(decideAs("cancelled", null, null).mayProceed()).isFalse();
    }

    @Test
    void shouldHearADecisionThatCameBeforeTheListenerAndGiveItToTheListenerToo() throws Exception {
        ApprovalRequest request = ApprovalRequest.of("state_transition", "Start the sprint",
                Map.of("from", "BACKLOG_READY", "to", "SPRINT_ACTIVE", "reason", "backlog groomed"), null);
        CompletableFuture<Decision> decision = client.requestApproval(request).subscribeAsCompletionStage();
        chat.sent(request.id());
        chat.decide(request.id(), "approved", null, null);

        assertThat(decision.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Decision.Outcome.APPROVED);

        List<AgentEvent> heard = new CopyOnWriteArrayList<>();
        client.listen(heard::add);
        Listening.until(() -> heard.size() == 1);
        assertThat(heard.get(0)).isInstanceOfSatisfying(AgentEvent.ApprovalDecided.class,
                decided -> assertThat(decided.decision().approvalId()).isEqualTo(request.id()));
    }

    @Test
    void shouldFindADecisionMadeWhileTheAgentWasAway() throws Exception {
        ApprovalRequest request = ApprovalRequest.of("batch_changes", "Rename the packages",
                Map.of("groups", Map.of("api", List.of("rename dto"))), null);
        client.requestApproval(request).subscribeAsCompletionStage();
        chat.sent(request.id());
        client.close();

        chat.decide("ap-older-one", "approved", null, null);
        chat.decide(request.id(), "rejected", "not before the release", null);
        try (AgentClient restarted = SharedRedis.connect(agent)) {
            Decision decision = restarted.awaitDecision(request.id()).await().atMost(Duration.ofSeconds(5));

            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.REJECTED);
            assertThat(decision.comment()).isEqualTo("not before the release");
        }
    }

    @Test
    void shouldStillHearTheDecisionAfterAnImpatientWaiterGaveUp() throws Exception {
        ApprovalRequest request = ApprovalRequest.of("code_change", "Refactor auth", CODE_CHANGE, null);
        assertThatThrownBy(() -> client.requestApproval(request).await().atMost(Duration.ofMillis(300)))
                .isInstanceOf(io.smallrye.mutiny.TimeoutException.class);

        CompletableFuture<Decision> again = client.awaitDecision(request.id()).subscribeAsCompletionStage();
        chat.decide(request.id(), "approved", null, null);

        assertThat(again.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Decision.Outcome.APPROVED);
    }

    @Test
    void shouldCancelWithAValidEnvelope() {
        String id = ApprovalRequest.newId();
        client.cancel(id, "not needed any more").await().atMost(Duration.ofSeconds(5));

        InboundEvent.ApprovalCancel cancel = chat.inbound().stream()
                .filter(envelope -> envelope.type().equals(EventTypes.APPROVAL_CANCEL))
                .map(envelope -> (InboundEvent.ApprovalCancel) parser.inbound(envelope))
                .filter(candidate -> candidate.approvalId().equals(id))
                .findFirst().orElseThrow();
        assertThat(cancel.source()).isEqualTo("agent:" + agent);
        assertThat(cancel.reason()).isEqualTo("not needed any more");
    }

    @Test
    void shouldTellARuleAPolicyTheExpiryAndAPersonApart() throws Exception {
        Map<String, Object> byRule = chat.approval(asked(), "approved", "rule:R1");
        byRule.put("rule_id", "R1");
        byRule.put("mode", "strict");
        byRule.put("comment", "approved by standing rule R1 (alice)");
        Decision rule = heard(byRule);
        assertThat(rule.decider()).isEqualTo(Decision.Decider.RULE);
        assertThat(rule.byRule()).isTrue();
        assertThat(rule.byPerson()).isFalse();
        assertThat(rule.ruleId()).isEqualTo("R1");
        assertThat(rule.mode()).isEqualTo("strict");
        assertThat(rule.decidedBy()).isEqualTo("rule:R1");

        Map<String, Object> byPolicy = chat.approval(asked(), "approved", "policy:rapid");
        byPolicy.put("mode", "rapid");
        byPolicy.put("rule_id", null);
        Decision policy = heard(byPolicy);
        assertThat(policy.decider()).isEqualTo(Decision.Decider.POLICY);
        assertThat(policy.byPolicy()).isTrue();
        assertThat(policy.mode()).isEqualTo("rapid");
        assertThat(policy.ruleId()).isNull();
        assertThat(policy.mayProceed()).isTrue();

        Decision approvedOnExpiry = heard(chat.approval(asked(), "approved", "system"));
        assertThat(approvedOnExpiry.decider()).isEqualTo(Decision.Decider.EXPIRY);
        assertThat(approvedOnExpiry.byExpiry()).isTrue();
        assertThat(approvedOnExpiry.outcome()).isEqualTo(Decision.Outcome.APPROVED);
        assertThat(heard(chat.approval(asked(), "expired", "system")).byExpiry()).isTrue();
        assertThat(heard(chat.approval(asked(), "cancelled", agent)).decider()).isEqualTo(Decision.Decider.AGENT);
    }

    @Test
    void shouldHearTheVotesOfAQuorum() throws Exception {
        Map<String, Object> approval = chat.approval(asked(), "approved", "bob");
        approval.put("required_approvals", 2);
        approval.put("votes", List.of(
                Map.of("by", "alice", "at", "2026-12-03T10:00:00Z", "comment", "fine by me", "modified", false),
                Map.of("by", "bob", "at", "2026-12-03T10:05:00.123456Z", "modified", true)));

        Decision decision = heard(approval);

        assertThat(decision.byPerson()).isTrue();
        assertThat(decision.decidedBy()).isEqualTo("bob");
        assertThat(decision.votes()).containsExactly(
                new Decision.Vote("alice", java.time.Instant.parse("2026-12-03T10:00:00Z"), "fine by me", false),
                new Decision.Vote("bob", java.time.Instant.parse("2026-12-03T10:05:00.123456Z"), null, true));
    }

    @Test
    void shouldReadADecisionOfAnOlderChatAsAPersonsWithoutRuleModeOrVotes() throws Exception {
        Decision decision = decideAs("rejected", "not now", null);

        assertThat(decision.decider()).isEqualTo(Decision.Decider.PERSON);
        assertThat(decision.ruleId()).isNull();
        assertThat(decision.mode()).isNull();
        assertThat(decision.votes()).isEmpty();
    }

    /** Asks, and returns the id, once the request is on the agent's way in. */
    private String asked() {
        ApprovalRequest request = ApprovalRequest.builder("code_change", "Refactor auth").risk(ApprovalRequest.Risk.LOW)
                .build();
        pending.put(request.id(), client.requestApproval(request).subscribeAsCompletionStage());
        chat.sent(request.id());
        return request.id();
    }

    private Decision heard(Map<String, Object> approval) throws Exception {
        chat.announce(approval);
        return pending.remove((String) approval.get("approval_id")).get(5, TimeUnit.SECONDS);
    }

    private Decision decideAs(String status, String comment, Map<String, Object> modifications) throws Exception {
        ApprovalRequest request = ApprovalRequest.of("parallel_execution", "Run in parallel",
                Map.of("tasks", List.of("tests", "docs")), null);
        CompletableFuture<Decision> decision = client.requestApproval(request).subscribeAsCompletionStage();
        chat.sent(request.id());
        chat.decide(request.id(), status, comment, modifications);
        return decision.get(5, TimeUnit.SECONDS);
    }
}
