package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import java.util.List;

/**
 * A flow group's card as text (what Discord and plain clients see; the web client draws rows with
 * buttons from the approvals themselves): one line per request, its state, and how to decide it.
 */
final class GroupText {

    /** Rows written out; the rest are counted (a group is bounded by its window, not by this). */
    static final int ROWS = 50;

    private GroupText() {
    }

    static String of(Approval first, List<Approval> members) {
        long pending = members.stream().filter(Approval::isPending).count();
        StringBuilder text = new StringBuilder("**").append(members.size()).append(" requests from ")
                .append(first.requestedBy).append("** (").append(first.requestType).append(", flow mode) · ")
                .append(pending == 0 ? "all decided" : pending + " waiting").append("\n");
        members.stream().limit(ROWS).forEach(member -> text.append("\n- ").append(mark(member)).append(" `")
                .append(member.id).append("` ").append(member.title).append(" · ").append(member.risk)
                .append(member.isPending() ? "" : " · " + member.status + (member.decidedBy == null ? "" : " by " + member.decidedBy)));
        if (members.size() > ROWS) {
            text.append("\n- … and ").append(members.size() - ROWS).append(" more");
        }
        if (pending > 0) {
            text.append("\n\n`/approve <id> …` or `/reject <id> \"reason\"` each, or decide them together in the web client");
        }
        return text.toString();
    }

    private static String mark(Approval approval) {
        return switch (approval.status) {
            case Approval.APPROVED -> "✅";
            case Approval.REJECTED -> "❌";
            case Approval.EXPIRED -> "⌛";
            case Approval.CANCELLED -> "🚫";
            default -> "⏳";
        };
    }
}
