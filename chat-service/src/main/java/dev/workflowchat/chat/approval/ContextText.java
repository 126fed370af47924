package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import java.util.Collection;
import java.util.Map;

/**
 * The part of an approval's card that says what the request carries: its risk, and what the
 * agent said of it (why, the command, the diff, the story and TDD phase, links). Empty for a
 * request of medium risk that said nothing more, so older cards read as before.
 */
final class ContextText {

    private ContextText() {
    }

    static String of(Approval approval) {
        String risk = approval.risk == null ? "medium" : approval.risk;
        Map<String, Object> context = approval.context == null ? Map.of() : approval.context;
        if ("medium".equals(risk) && context.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(badge(risk));
        if (context.get("story_id") != null) {
            text.append(" · story ").append(context.get("story_id"))
                    .append(context.get("tdd_phase") == null ? "" : " (" + context.get("tdd_phase") + ")");
        }
        if (context.get("reason") != null) {
            text.append("\n\n**Why:** ").append(context.get("reason"));
        }
        if (context.get("command") != null) {
            String command = String.valueOf(context.get("command"));
            String fence = PayloadText.fenceFor(command);
            text.append("\n\n**Command:**\n").append(fence).append("sh\n").append(command).append('\n').append(fence);
        }
        if (context.get("diff") != null) {
            String diff = String.valueOf(context.get("diff"));
            String fence = PayloadText.fenceFor(diff);
            text.append("\n\n").append(fence).append("diff\n").append(diff).append('\n').append(fence);
        }
        if (context.get("links") instanceof Collection<?> links && !links.isEmpty()) {
            text.append("\n\n**Links:** ");
            links.forEach(link -> text.append('<').append(link).append("> "));
        }
        return text.toString().strip() + "\n\n";
    }

    private static String badge(String risk) {
        return switch (risk) {
            case "low" -> "🟢 **Risk: low**";
            case "high" -> "🟠 **Risk: high**";
            case "critical" -> "🔴 **Risk: critical**";
            default -> "🟡 **Risk: medium**";
        };
    }
}
