package dev.workflowchat.bridge.relay;

import com.fasterxml.jackson.databind.JsonNode;

/** How a decided approval reads on the disabled button that replaces its buttons in Discord (≤ 80 characters). */
final class ApprovalDecisionText {

    private static final int MAX = 80;

    private ApprovalDecisionText() {
    }

    static String of(JsonNode approval) {
        String by = approval.path("decided_by").asText("");
        String text = switch (approval.path("status").asText("")) {
            case "approved" -> "✅ Approved" + by(by);
            case "rejected" -> "❌ Rejected" + by(by) + reason(approval.path("comment").asText(""));
            case "expired" -> "⌛ Expired" + (by.startsWith("policy:") || by.startsWith("rule:") ? by(by) : "");
            case "cancelled" -> "🚫 Cancelled";
            default -> "Decided" + by(by);
        };
        return text.length() > MAX ? text.substring(0, MAX - 1) + "…" : text;
    }

    private static String by(String who) {
        return who.isBlank() || "system".equals(who) ? "" : " by " + who;
    }

    private static String reason(String comment) {
        return comment.isBlank() ? "" : ": " + comment.strip().replaceAll("\\s+", " ");
    }
}
