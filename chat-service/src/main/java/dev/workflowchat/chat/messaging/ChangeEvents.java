package dev.workflowchat.chat.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.frame.ServerFrame;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps chat changes to their public events on {@code wfchat:out} and back to the WebSocket
 * frames every replica pushes to its clients. The envelope's {@code seq} carries the change
 * number; reaction events carry the message's whole reaction map and channel besides the
 * contract's fields, so a replica can push {@code reaction.updated} without a query.
 */
public final class ChangeEvents {

    public static final String SOURCE = "chat-service";

    private ChangeEvents() {
    }

    public static Envelope of(ServerFrame.Change frame) {
        if (frame instanceof ServerFrame.MessageChanged changed) {
            return Envelope.create(changed.type(), SOURCE, changed.seq(), changed.message());
        }
        if (frame instanceof ServerFrame.MessageDeleted deleted) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("message_id", deleted.messageId());
            data.put("channel", deleted.channel());
            data.put("deleted_at", deleted.deletedAt());
            return Envelope.create(EventTypes.MESSAGE_DELETED, SOURCE, deleted.seq(), data);
        }
        throw new IllegalArgumentException("a reaction change needs who and what: use reaction()");
    }

    public static Envelope reaction(ServerFrame.ReactionUpdated frame, boolean added, String userId, String reaction) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", frame.messageId());
        data.put("user_id", userId);
        data.put("reaction", reaction);
        data.put("channel", frame.channel());
        data.put("reactions", frame.reactions());
        return Envelope.create(added ? EventTypes.REACTION_ADDED : EventTypes.REACTION_REMOVED, SOURCE, frame.seq(), data);
    }

    /**
     * The reaction change alone ({@code reaction.added}/{@code reaction.removed}), for clients that
     * asked for deltas; null when the event is not a reaction change.
     */
    public static ServerFrame.ReactionChanged toDelta(Envelope event) {
        boolean added = EventTypes.REACTION_ADDED.equals(event.type());
        if (!added && !EventTypes.REACTION_REMOVED.equals(event.type())) {
            return null;
        }
        JsonNode data = event.data();
        return ServerFrame.ReactionChanged.of(added, event.seq(), data.path("message_id").asText(),
                data.path("channel").asText(), data.path("reaction").asText(), data.path("user_id").asText());
    }

    /** The frame a client gets for a chat change event, or null when the event is not a chat change. */
    public static ObjectNode toFrame(Envelope event) {
        ObjectNode frame = ProtocolJson.mapper().createObjectNode();
        JsonNode data = event.data();
        switch (event.type()) {
            case EventTypes.MESSAGE_CREATED, EventTypes.MESSAGE_EDITED, EventTypes.MESSAGE_PINNED,
                 EventTypes.MESSAGE_UNPINNED -> {
                frame.put("type", event.type());
                frame.put("seq", event.seq());
                frame.set("message", data);
            }
            case EventTypes.MESSAGE_DELETED -> {
                frame.put("type", EventTypes.MESSAGE_DELETED);
                frame.put("seq", event.seq());
                frame.set("message_id", data.get("message_id"));
                frame.set("channel", data.get("channel"));
                frame.set("deleted_at", data.get("deleted_at"));
            }
            case EventTypes.REACTION_ADDED, EventTypes.REACTION_REMOVED -> {
                frame.put("type", "reaction.updated");
                frame.put("seq", event.seq());
                frame.set("message_id", data.get("message_id"));
                frame.set("channel", data.get("channel"));
                frame.set("reactions", data.get("reactions"));
            }
            default -> {
                return null;
            }
        }
        return frame;
    }
}
