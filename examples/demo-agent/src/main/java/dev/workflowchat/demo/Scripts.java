package dev.workflowchat.demo;

import dev.workflowchat.agent.Decision;
import dev.workflowchat.protocol.ProtocolJson;
import java.util.Locale;
import java.util.Map;

/** The words the team uses for what every member does alike: tasks, replies, reactions to decisions. */
final class Scripts {

    private Scripts() {
    }

    static String workingOn(String agent, String task) {
        return "🔧 Starting *" + task + "*.";
    }

    static String doneWith(String agent, String task, String assignedBy) {
        return "✅ Done: *" + task + "* — @" + assignedBy + ", have a look when you can.";
    }

    /** An answer to a person's DM or @mention. */
    static String reply(String agent, String currentTask, String from, String content) {
        String text = content == null ? "" : content.toLowerCase(Locale.ROOT);
        if (text.contains("status") || text.contains("doing") || text.contains("progress")) {
            return "Hi @" + from + " — right now I'm on *" + currentTask + "*.";
        }
        if (text.contains("help")) {
            return "Hi @" + from + " — I answer DMs and @mentions, and I follow `/assign " + agent
                    + " \"task\"`. Approve or reject my requests on their cards or with `/approve` and `/reject`.";
        }
        return "Thanks @" + from + ", noted:\n\n> " + quote(content) + "\n\nI'll take it into account in *"
                + currentTask + "*.";
    }

    /** What a member says about a decision; {@code onApproved} is the go-ahead line ("Merging…"). */
    static String reaction(Decision decision, String onApproved) {
        String by = decision.decidedBy() == null ? "someone" : "@" + decision.decidedBy();
        return switch (decision.outcome()) {
            case APPROVED -> "👍 " + by + " approved *" + decision.title() + "*. " + onApproved;
            case MODIFIED -> "✏️ " + by + " approved *" + decision.title() + "* with changes — using them:\n\n```json\n"
                    + json(decision.modifications()) + "\n```\n\n" + onApproved;
            case REJECTED -> "🙏 " + by + " rejected *" + decision.title() + "*:\n\n> "
                    + quote(decision.comment() == null ? "(no reason given)" : decision.comment())
                    + "\n\nFair point — revising.";
            case EXPIRED -> "⌛ Nobody decided on *" + decision.title() + "* in time; parking it for now.";
            case CANCELLED -> "🚫 *" + decision.title() + "* was withdrawn.";
        };
    }

    static String quote(String text) {
        return text == null ? "" : text.strip().replace("\n", "\n> ");
    }

    static String json(Map<String, Object> value) {
        try {
            return ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
