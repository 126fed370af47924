package dev.workflowchat.bridge.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;

class ApprovalDecisionTextTest {

    @Test
    void shouldSayWhoDecidedAndWhyARejection() {
        assertThat(ApprovalDecisionText.of(approval("approved", "alice", null))).isEqualTo("✅ Approved by alice");
        assertThat(ApprovalDecisionText.of(approval("rejected", "bob", "tests\n are red"))).isEqualTo("❌ Rejected by bob: tests are red");
        assertThat(ApprovalDecisionText.of(approval("expired", "system", null))).isEqualTo("⌛ Expired");
        assertThat(ApprovalDecisionText.of(approval("approved", "policy:auto", null))).isEqualTo("✅ Approved by policy:auto");
        assertThat(ApprovalDecisionText.of(approval("cancelled", "code", null))).isEqualTo("🚫 Cancelled");
    }

    @Test
    void shouldFitOnAButtonWhateverTheReason() {
        String text = ApprovalDecisionText.of(approval("rejected", "bob", "x".repeat(5000)));
        assertThat(text).hasSizeLessThanOrEqualTo(80).endsWith("…");
    }

    private static ObjectNode approval(String status, String by, String comment) {
        ObjectNode approval = ProtocolJson.mapper().createObjectNode().put("status", status).put("decided_by", by);
        if (comment != null) {
            approval.put("comment", comment);
        }
        return approval;
    }
}
