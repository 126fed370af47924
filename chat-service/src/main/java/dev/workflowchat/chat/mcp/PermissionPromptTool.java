package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.keys.AgentKey;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.ApprovalView;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Claude Code's {@code --permission-prompt-tool}: each tool call the coding agent wants becomes an
 * approval card (type {@code tool_use}, its risk from {@link ToolRisks}), decided by a person, a
 * standing rule or the project's mode, and answered in the shape Claude Code reads:
 * {@code {"behavior":"allow","updatedInput":{…}}} or {@code {"behavior":"deny","message":"…"}}.
 */
public class PermissionPromptTool {

    static final String REQUEST_TYPE = "tool_use";
    private static final int MAX_TOOL_NAME = 100;
    private static final int TITLE_TARGET_CHARS = 160;

    private final CallingAgent caller;
    private final AgentEvents events;
    private final DecisionWaiters waiters;
    private final ToolRisks risks;
    private final ChatConfig config;

    public PermissionPromptTool(CallingAgent caller, AgentEvents events, DecisionWaiters waiters, ToolRisks risks,
                                ChatConfig config) {
        this.caller = caller;
        this.events = events;
        this.waiters = waiters;
        this.risks = risks;
        this.config = config;
    }

    @Tool(name = "approval_prompt", description = "Permission prompt for coding agents (Claude Code's"
            + " --permission-prompt-tool): asks people whether the agent may make this tool call. Answers JSON text:"
            + " {\"behavior\":\"allow\",\"updatedInput\":{...}} or {\"behavior\":\"deny\",\"message\":\"...\"}.")
    Uni<ToolResponse> approvalPrompt(
            @ToolArg(name = "tool_name", description = "The tool the agent wants to call, e.g. Bash, Edit, Read")
            String toolName,
            @ToolArg(description = "The tool call's input, as the agent would pass it") Map<String, Object> input,
            @ToolArg(name = "tool_use_id", description = "The tool call's id", required = false) String toolUseId) {
        return ToolAnswers.json(() -> {
            AgentKey key = caller.key();
            if (toolName == null || toolName.isBlank() || toolName.length() > MAX_TOOL_NAME
                    || toolName.chars().anyMatch(Character::isISOControl)) {
                throw ProtocolException.badRequest("tool_name: one line of at most " + MAX_TOOL_NAME + " characters");
            }
            Map<String, Object> given = input == null ? Map.of() : input;
            String command = ToolRisks.commandOf(toolName, given);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("tool_name", toolName);
            payload.put("input", given);
            payload.put("tool_use_id", toolUseId);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("request_type", REQUEST_TYPE);
            data.put("title", title(toolName, command));
            data.put("payload", payload);
            data.put("risk", risks.riskOf(toolName, given));
            data.put("reason", "The coding agent " + key.agent() + " asks to use " + toolName);
            data.put("command", command);
            data.put("diff", EditDiffs.of(toolName, given));
            data.put("project", ProjectScope.projectFor(key, null));
            return events.requestApproval(key, data)
                    .chain(asked -> waiters.await(asked.approvalId(), config.mcp().promptWait()))
                    .map(decided -> answer(decided, given));
        });
    }

    /** The answer Claude Code reads: allow with the input as the person left it, or deny with why. */
    static String answer(ApprovalView decided, Map<String, Object> input) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (Approval.APPROVED.equals(decided.status())) {
            Map<String, Object> updated = new LinkedHashMap<>(input);
            if (decided.modifications() != null) {
                updated.putAll(decided.modifications());
            }
            answer.put("behavior", "allow");
            answer.put("updatedInput", updated);
        } else {
            answer.put("behavior", "deny");
            answer.put("message", denial(decided));
        }
        return ToolAnswers.toJson(answer);
    }

    private static String denial(ApprovalView decided) {
        String comment = decided.comment() == null || decided.comment().isBlank() ? "" : ": " + decided.comment();
        return switch (decided.status()) {
            case Approval.REJECTED -> "Rejected by " + decided.decidedBy() + comment;
            case Approval.PENDING -> "No decision in time; approval " + decided.approvalId()
                    + " is still pending in Workflow Chat. Ask again later, or do something else.";
            default -> "Not approved: the request " + decided.status() + comment;
        };
    }

    private static String title(String tool, String command) {
        String target = command.equals(tool) ? tool : command.startsWith(tool + " ") ? command : tool + ": " + command;
        String line = target.replaceAll("\\s+", " ");
        return line.length() <= TITLE_TARGET_CHARS ? line : line.substring(0, TITLE_TARGET_CHARS - 1) + "…";
    }
}
