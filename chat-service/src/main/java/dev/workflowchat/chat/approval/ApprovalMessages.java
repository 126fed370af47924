package dev.workflowchat.chat.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.Approval;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Renders the chat message of an approval, one Qute template per request type, a generic one for the rest. */
@ApplicationScoped
public class ApprovalMessages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @CheckedTemplate(basePath = "approvals")
    static class Templates {
        static native TemplateInstance code_change(ApprovalText approval);

        static native TemplateInstance state_transition(ApprovalText approval);

        static native TemplateInstance parallel_execution(ApprovalText approval);

        static native TemplateInstance batch_changes(ApprovalText approval);

        static native TemplateInstance story_proposal(ApprovalText approval);

        static native TemplateInstance generic(ApprovalText approval);
    }

    private final ObjectMapper mapper;

    public ApprovalMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String render(Approval approval) {
        ApprovalText text = textOf(approval);
        TemplateInstance template = switch (approval.requestType) {
            case "code_change" -> Templates.code_change(text);
            case "state_transition" -> Templates.state_transition(text);
            case "parallel_execution" -> Templates.parallel_execution(text);
            case "batch_changes" -> Templates.batch_changes(text);
            case "story_proposal" -> Templates.story_proposal(text);
            default -> Templates.generic(text);
        };
        return template.render().strip();
    }

    ApprovalText textOf(Approval approval) {
        Map<String, Object> payload = approval.payload == null ? Map.of() : approval.payload;
        return new ApprovalText(approval.id, approval.title, approval.requestType, approval.requestedBy,
                PayloadText.of(payload, json(payload)), ContextText.of(approval) + outcome(approval));
    }

    private String outcome(Approval approval) {
        String by = approval.decidedBy;
        String at = approval.decidedAt == null ? "" : " at " + TIME.format(approval.decidedAt);
        String why = approval.comment == null || approval.comment.isBlank() ? "" : ": " + approval.comment;
        return switch (approval.status) {
            case Approval.APPROVED -> approval.modifications == null
                    ? "✅ **Approved** by " + by + at + why
                    : "✏️ **Approved with changes** by " + by + at + why + "\n\nChanges: `" + json(approval.modifications) + "`";
            case Approval.REJECTED -> "❌ **Rejected** by " + by + at + why;
            case Approval.EXPIRED -> "⌛ **Expired**" + at + " without a decision";
            case Approval.CANCELLED -> "🚫 **Cancelled** by " + by + at + why;
            default -> "⏳ **Waiting for a decision**" + quorum(approval) + " · expires " + TIME.format(approval.expiresAt)
                    + ("approve".equals(approval.onExpiry) ? ", then approved" : ", then rejected")
                    + " · `/approve " + approval.id + "` or `/reject " + approval.id + " \"reason\"`" + explained(approval);
        };
    }

    /** "· 1 of 2 approvals (alice)" for a request that needs more than one. */
    private static String quorum(Approval approval) {
        if (approval.requiredApprovals <= 1) {
            return "";
        }
        List<String> by = ApprovalMapper.votesOf(approval).stream().map(vote -> vote.by()).toList();
        return " · " + by.size() + " of " + approval.requiredApprovals + " approvals"
                + (by.isEmpty() ? "" : " (" + String.join(", ", by) + ")");
    }

    /** In learning mode: what approving and rejecting do, and why the type needs a person. */
    private static String explained(Approval approval) {
        if (!ApprovalMapper.LEARNING.equals(approval.mode)) {
            return "";
        }
        Map<String, String> text = Explanations.of(approval.requestType);
        return "\n\n📘 **Approving:** " + text.get("approve") + "\n**Rejecting:** " + text.get("reject")
                + "\n**Why this needs approval:** " + text.get("why");
    }

    private String json(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
