package dev.workflowchat.chat.command;

import dev.workflowchat.chat.ApprovalRule;
import java.util.List;

/** How {@code /rules list} shows standing rules and the ask-list. */
final class RuleTexts {

    private RuleTexts() {
    }

    static String list(List<ApprovalRule> rules) {
        if (rules.isEmpty()) {
            return "No standing rules: every request is judged by the project's mode.";
        }
        StringBuilder text = new StringBuilder("**Standing rules**\n");
        for (ApprovalRule rule : rules) {
            text.append("- `").append(rule.ruleId()).append("` ");
            if (ApprovalRule.ASK.equals(rule.kind)) {
                text.append("🛑 always ask when a request mentions “").append(rule.pattern).append('”');
            } else {
                text.append("✅ approve ").append(rule.agent).append("'s ").append(rule.requestType)
                        .append(rule.commandPrefix == null ? "" : " when the command starts with `" + rule.commandPrefix + "`")
                        .append(", up to ").append(rule.maxRisk).append(" risk, ")
                        .append(ApprovalRule.UNTIL_SPRINT.equals(rule.until) ? "during sprint " + rule.sprint : "until revoked");
            }
            text.append(" · by ").append(rule.createdBy).append(" in ").append(rule.project).append('\n');
        }
        return text.append("\nRevoke one with /rules revoke <id>.").toString();
    }
}
