package dev.workflowchat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.agent.ApprovalRequest.OnExpiry;
import dev.workflowchat.agent.ApprovalRequest.Risk;
import dev.workflowchat.agent.ApprovalRequest.TddPhase;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a request says of itself and how it is to be decided: checked here as the chat checks it, and sent as the protocol names it. */
@ExtendWith(SharedRedis.class)
class ApprovalRequestTest {

    private final EventParser parser = new EventParser();
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
    void shouldSendEveryFieldUnderTheProtocolsName() throws Exception {
        ApprovalRequest request = ApprovalRequest.builder("code_change", "Push the fix")
                .payload(Map.of("files", List.of("auth.py")))
                .channel("general")
                .expiresIn(Duration.ofMinutes(10))
                .risk(Risk.HIGH)
                .reason("login is broken in production")
                .command("git push origin main")
                .diff("-    return False\n+    return check(token)")
                .story("S3", TddPhase.CODE_GREEN)
                .links(List.of("https://ci.example/run/42", "http://tickets.example/S3"))
                .requiredApprovals(2)
                .onExpiry(OnExpiry.REJECT)
                .escalateTo("lead")
                .build();
        client.requestApproval(request).subscribeAsCompletionStage();

        String raw = chat.rawSent(request.id());

        JsonNode data = ProtocolJson.mapper().readTree(raw).path("data");
        assertThat(data).isEqualTo(ProtocolJson.mapper().readTree("""
                {"request_type": "code_change", "title": "Push the fix", "payload": {"files": ["auth.py"]},
                 "channel": "general", "expires_in_s": 600, "risk": "high",
                 "reason": "login is broken in production", "command": "git push origin main",
                 "diff": "-    return False\\n+    return check(token)", "story_id": "S3", "tdd_phase": "CODE_GREEN",
                 "links": ["https://ci.example/run/42", "http://tickets.example/S3"],
                 "required_approvals": 2, "on_expiry": "reject", "escalate_to": "lead"}"""));
        // and the chat's own parser takes it, context and all
        InboundEvent.ApprovalRequest parsed = (InboundEvent.ApprovalRequest) parser.inbound(raw, EventTypes.CHAT_INBOUND);
        assertThat(parsed.context().risk()).isEqualTo("high");
        assertThat(parsed.context().command()).isEqualTo("git push origin main");
        assertThat(parsed.context().tddPhase()).isEqualTo("CODE_GREEN");
        assertThat(parsed.context().links()).hasSize(2);
    }

    @Test
    void shouldSendApproveOnExpiryForALowRiskRequest() throws Exception {
        ApprovalRequest request = ApprovalRequest.builder("code_change", "Format the code").risk(Risk.LOW)
                .onExpiry(OnExpiry.APPROVE).escalateTo(ApprovalRequest.Terms.ADMINS).build();
        client.requestApproval(request).subscribeAsCompletionStage();

        JsonNode data = ProtocolJson.mapper().readTree(chat.rawSent(request.id())).path("data");

        assertThat(data.path("risk").asText()).isEqualTo("low");
        assertThat(data.path("on_expiry").asText()).isEqualTo("approve");
        assertThat(data.path("escalate_to").asText()).isEqualTo("role:admin");
    }

    @Test
    void shouldLeaveOutWhatTheAgentDidNotSaySoTheChatsDefaultsApply() throws Exception {
        ApprovalRequest request = ApprovalRequest.of("code_change", "Refactor auth", Map.of(), null);
        client.requestApproval(request).subscribeAsCompletionStage();

        JsonNode data = ProtocolJson.mapper().readTree(chat.rawSent(request.id())).path("data");

        assertThat(data.fieldNames()).toIterable().containsExactly("request_type", "title", "payload");
    }

    @Test
    void shouldKeepTheOldConstructorAndFactory() {
        ApprovalRequest request = new ApprovalRequest("ap-1", "code_change", "Refactor", Map.of(), "general",
                Duration.ofMinutes(5));

        assertThat(request.context()).isEqualTo(ApprovalRequest.Context.NONE);
        assertThat(request.terms()).isEqualTo(ApprovalRequest.Terms.CHAT_DEFAULTS);
        assertThat(request.inChannel("workflow").terms()).isEqualTo(request.terms());
    }

    @Test
    void shouldKeepContextAndTermsInAnotherChannel() {
        ApprovalRequest request = ApprovalRequest.builder("code_change", "Push").risk(Risk.CRITICAL).reason("why")
                .build().inChannel("general");

        assertThat(request.channel()).isEqualTo("general");
        assertThat(request.terms().risk()).isEqualTo(Risk.CRITICAL);
        assertThat(request.context().reason()).isEqualTo("why");
    }

    @Test
    void requiredApprovalsOutsideOneToFiveIsRefused() {
        assertThatThrownBy(() -> ApprovalRequest.builder("code_change", "Push").requiredApprovals(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requiredApprovals must be between 1 and 5, got: 0");
        assertThatThrownBy(() -> ApprovalRequest.builder("code_change", "Push").requiredApprovals(6).build())
                .hasMessageContaining("got: 6");
        assertThat(ApprovalRequest.builder("code_change", "Push").requiredApprovals(5).build().terms().requiredApprovals())
                .isEqualTo(5);
    }

    @Test
    void approveOnExpiryIsRefusedUnlessTheRiskIsLow() {
        assertThatThrownBy(() -> ApprovalRequest.builder("code_change", "Push").onExpiry(OnExpiry.APPROVE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("onExpiry APPROVE is allowed only for LOW risk")
                .hasMessageContaining("MEDIUM (the default)");
        assertThatThrownBy(() -> ApprovalRequest.builder("code_change", "Push").risk(Risk.HIGH)
                .onExpiry(OnExpiry.APPROVE).build())
                .hasMessageContaining("risk is HIGH");
        // in any order: the builder checks the whole
        assertThat(ApprovalRequest.builder("code_change", "Push").onExpiry(OnExpiry.APPROVE).risk(Risk.LOW).build()
                .terms().onExpiry()).isEqualTo(OnExpiry.APPROVE);
    }

    @Test
    void aDiffOverTwoHundredThousandCharactersIsRefused() {
        String limit = "x".repeat(ApprovalRequest.Context.DIFF_MAX);

        assertThat(ApprovalRequest.builder("code_change", "Push").diff(limit).build().context().diff()).hasSize(200_000);
        assertThatThrownBy(() -> ApprovalRequest.builder("code_change", "Push").diff(limit + "x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("diff of 200001 characters")
                .hasMessageContaining("too_large");
    }

    @Test
    void anUnknownRiskIsRefused() {
        assertThatThrownBy(() -> Risk.parse("severe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("risk must be one of low, medium, high, critical; got: severe");
        assertThatThrownBy(() -> Risk.parse(null)).hasMessageContaining("got: null");
        assertThat(Risk.parse(" High ")).isEqualTo(Risk.HIGH);
        assertThat(Risk.CRITICAL.wire()).isEqualTo("critical");
    }

    @Test
    void badContextIsRefusedWithTheFieldsName() {
        assertThatThrownBy(() -> ApprovalRequest.builder("t", "x").command("git push\nrm -rf /").build())
                .hasMessageContaining("command must be one line");
        assertThatThrownBy(() -> ApprovalRequest.builder("t", "x").reason("r".repeat(2_001)).build())
                .hasMessageContaining("reason longer than 2000 characters");
        assertThatThrownBy(() -> ApprovalRequest.builder("t", "x").links(List.of("ftp://files.example/a")).build())
                .hasMessageContaining("a link must be an http(s) address");
        assertThatThrownBy(() -> ApprovalRequest.builder("t", "x")
                .links(Collections.nCopies(11, "https://example.com")).build())
                .hasMessageContaining("at most 10 links");
        assertThatThrownBy(() -> ApprovalRequest.builder("t", "x").story("s".repeat(65), null).build())
                .hasMessageContaining("storyId longer than 64");
        assertThatThrownBy(() -> ApprovalRequest.builder("t", "x").escalateTo("Role:Admins").build())
                .hasMessageContaining("escalateTo must be a username");
        assertThat(ApprovalRequest.builder("t", "x").reason("line one\nline two").build().context().reason())
                .contains("\n");
    }
}
