package dev.workflowchat.chat.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.MessageView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The frame a client is pushed for a chat change announced on {@code wfchat:out}, read back into
 * the protocol's records (the event carries the message, or the reaction map, as the frame does).
 * Reaction events also carry who changed what, for clients that asked for deltas.
 */
final class ChangeFrames {

    private static final ObjectMapper JSON = ProtocolJson.mapper();

    private ChangeFrames() {
    }

    /** The change's frame; null when the event is no chat change, or does not read as one. */
    static ServerFrame.Change of(Envelope event) {
        if (event.seq() == null) {
            return null;
        }
        long seq = event.seq();
        JsonNode data = event.data();
        try {
            return switch (event.type()) {
                case EventTypes.MESSAGE_CREATED, EventTypes.MESSAGE_EDITED, EventTypes.MESSAGE_PINNED,
                     EventTypes.MESSAGE_UNPINNED ->
                        new ServerFrame.MessageChanged(event.type(), seq, JSON.treeToValue(data, MessageView.class));
                case EventTypes.MESSAGE_DELETED -> new ServerFrame.MessageDeleted(seq, text(data, "message_id"),
                        text(data, "channel"), JSON.treeToValue(data.path("deleted_at"), Instant.class));
                case EventTypes.REACTION_ADDED, EventTypes.REACTION_REMOVED -> new ServerFrame.ReactionUpdated(seq,
                        text(data, "message_id"), text(data, "channel"), reactionsOf(data.path("reactions")));
                default -> null;
            };
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The reaction change alone ({@code reaction.added}/{@code reaction.removed}); null for other events. */
    static ServerFrame.ReactionChanged deltaOf(Envelope event) {
        boolean added = EventTypes.REACTION_ADDED.equals(event.type());
        if (event.seq() == null || !added && !EventTypes.REACTION_REMOVED.equals(event.type())) {
            return null;
        }
        JsonNode data = event.data();
        return ServerFrame.ReactionChanged.of(added, event.seq(), text(data, "message_id"), text(data, "channel"),
                text(data, "reaction"), text(data, "user_id"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> reactionsOf(JsonNode reactions) throws JsonProcessingException {
        return reactions.isObject() ? JSON.treeToValue(reactions, Map.class) : Map.of();
    }

    private static String text(JsonNode data, String field) {
        return data.path(field).isTextual() ? data.path(field).asText() : null;
    }
}
