package dev.workflowchat.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns an entry of the agent's stream into an {@link AgentEvent}; fails with the reason when it can't. */
final class AgentEventDecoder {

    private final EventParser parser = new EventParser();

    AgentEvent decode(StreamEntry entry) {
        if (entry.event() == null) {
            throw new IllegalArgumentException("entry " + entry.id() + " has no event field");
        }
        Envelope envelope = parser.envelope(entry.event());
        JsonNode data = envelope.data();
        return switch (envelope.type()) {
            case EventTypes.AGENT_DIRECT -> direct(entry.id(), envelope, data.path("message"));
            case EventTypes.TASK_ASSIGNED -> new AgentEvent.TaskAssigned(entry.id(), envelope, text(data, "task"),
                    text(data, "assigned_by"), text(data, "channel"));
            case EventTypes.APPROVAL_DECIDED -> new AgentEvent.ApprovalDecided(entry.id(), envelope, decision(data));
            default -> new AgentEvent.Other(entry.id(), envelope);
        };
    }

    /** The decision an {@code approval.decided} carries: its data is the approval. */
    static Decision decision(JsonNode approval) {
        String id = text(approval, "approval_id");
        String status = text(approval, "status");
        if (id == null || status == null) {
            throw new IllegalArgumentException("approval.decided without approval_id or status");
        }
        Map<String, Object> modifications = approval.hasNonNull("modifications")
                ? ProtocolJson.mapper().convertValue(approval.get("modifications"), new TypeReference<Map<String, Object>>() { })
                : null;
        Decision.Outcome outcome = switch (status.toLowerCase(Locale.ROOT)) {
            // modify is stored as approved with modifications (the chat's Decision.status()).
            case "approved" -> modifications == null || modifications.isEmpty()
                    ? Decision.Outcome.APPROVED : Decision.Outcome.MODIFIED;
            case "rejected" -> Decision.Outcome.REJECTED;
            case "expired" -> Decision.Outcome.EXPIRED;
            case "cancelled" -> Decision.Outcome.CANCELLED;
            default -> throw new IllegalArgumentException("approval " + id + " has a status that is no decision: " + status);
        };
        return new Decision(id, outcome, text(approval, "title"), text(approval, "decided_by"),
                text(approval, "comment"), modifications, instant(text(approval, "decided_at")),
                text(approval, "rule_id"), text(approval, "mode"), votes(approval.path("votes")));
    }

    /** The approvals given toward a quorum; entries that are no vote are left out rather than failing the decision. */
    private static List<Decision.Vote> votes(JsonNode votes) {
        List<Decision.Vote> decoded = new ArrayList<>();
        if (votes.isArray()) {
            for (JsonNode vote : votes) {
                String by = text(vote, "by");
                if (by != null) {
                    decoded.add(new Decision.Vote(by, instant(text(vote, "at")), text(vote, "comment"),
                            vote.path("modified").asBoolean(false)));
                }
            }
        }
        return decoded;
    }

    private static AgentEvent direct(String entryId, Envelope envelope, JsonNode message) {
        return new AgentEvent.DirectMessage(entryId, envelope, text(message, "message_id"), text(message, "channel"),
                text(message, "author_type"), text(message, "author_id"), text(message, "author_name"),
                text(message, "content"), text(message, "thread_id"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
