package dev.workflowchat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The envelopes one agent sends, with {@code source} {@code agent:<name>} so the chat knows who asks. */
final class Envelopes {

    private final String agent;
    private final String source;

    Envelopes(String agent) {
        this.agent = agent;
        this.source = "agent:" + agent;
    }

    Envelope message(String channel, String content) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel", channel);
        data.put("agent", agent);
        data.put("content", content);
        return Envelope.create(EventTypes.AGENT_MESSAGE, source, null, data);
    }

    Envelope status(String status, String task, String detail) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", agent);
        data.put("status", status);
        putIfPresent(data, "task", task);
        putIfPresent(data, "detail", detail);
        return Envelope.create(EventTypes.AGENT_STATUS, source, null, data);
    }

    /** The envelope id is the approval id: the chat keys the approval, and its decision, by it. */
    Envelope approvalRequest(ApprovalRequest request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_type", request.requestType());
        data.put("title", request.title());
        data.put("payload", request.payload());
        putIfPresent(data, "channel", request.channel());
        if (request.expiresIn() != null) {
            data.put("expires_in_s", request.expiresIn().toSeconds());
        }
        ApprovalRequest.Terms terms = request.terms();
        putIfPresent(data, "risk", terms.risk() == null ? null : terms.risk().wire());
        putContext(data, request.context());
        putTerms(data, terms);
        JsonNode tree = ProtocolJson.mapper().valueToTree(data);
        return new Envelope(Envelope.VERSION, request.id(), EventTypes.APPROVAL_REQUEST,
                Instant.now().truncatedTo(ChronoUnit.MICROS), source, null, tree);
    }

    /** Only what the agent said goes out: an absent field lets the chat apply its default. */
    private static void putContext(Map<String, Object> data, ApprovalRequest.Context context) {
        putIfPresent(data, "reason", context.reason());
        putIfPresent(data, "command", context.command());
        putIfPresent(data, "diff", context.diff());
        putIfPresent(data, "story_id", context.storyId());
        putIfPresent(data, "tdd_phase", context.tddPhase() == null ? null : context.tddPhase().name());
        if (!context.links().isEmpty()) {
            data.put("links", context.links());
        }
    }

    private static void putTerms(Map<String, Object> data, ApprovalRequest.Terms terms) {
        putIfPresent(data, "required_approvals", terms.requiredApprovals());
        putIfPresent(data, "on_expiry", terms.onExpiry() == null ? null : terms.onExpiry().wire());
        putIfPresent(data, "escalate_to", terms.escalateTo());
    }

    Envelope approvalCancel(String approvalId, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("approval_id", approvalId);
        putIfPresent(data, "reason", reason);
        return Envelope.create(EventTypes.APPROVAL_CANCEL, source, null, data);
    }

    /** A workflow command run as this agent; the state-broadcaster answers on {@code wfchat:in}. */
    Envelope command(String command, List<String> args, String channel) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("correlation_id", agent + "-" + UUID.randomUUID());
        data.put("command", command);
        data.put("args", args);
        data.put("raw", (command + " " + String.join(" ", args)).strip());
        data.put("user", agent);
        data.put("channel", channel);
        return Envelope.create(EventTypes.COMMAND_INVOKE, source, null, data);
    }

    /** What this agent is doing, for the workflow's activity board. */
    Envelope activity(String action, String status, String storyId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", agent);
        data.put("action", action);
        data.put("status", status);
        putIfPresent(data, "story_id", storyId);
        return Envelope.create(EventTypes.AGENT_ACTIVITY, source, null, data);
    }

    private static void putIfPresent(Map<String, Object> data, String name, Object value) {
        if (value != null) {
            data.put(name, value);
        }
    }
}
