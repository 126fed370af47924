package dev.workflowchat.chat.announce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.frame.ServerFrame;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps chat changes to their public events on {@code wfchat:out}. The envelope's {@code seq}
 * carries the change number; reaction events carry the message's whole reaction map and channel
 * besides the contract's fields, so a replica can push {@code reaction.updated} without a query.
 */
public final class ChangeEvents {

    public static final String SOURCE = "chat-service";

    private ChangeEvents() {
    }

    /** A deletion's event; a message change's comes from {@link #message}, a reaction change's from {@link #reaction}. */
    public static Envelope of(ServerFrame.Change frame) {
        if (frame instanceof ServerFrame.MessageDeleted deleted) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("message_id", deleted.messageId());
            data.put("channel", deleted.channel());
            data.put("deleted_at", deleted.deletedAt());
            return Envelope.create(EventTypes.MESSAGE_DELETED, SOURCE, deleted.seq(), data);
        }
        throw new IllegalArgumentException("a message change's event is message(), a reaction change's reaction()");
    }

    /** A message change's event, given the message already written as JSON (which the event then holds). */
    public static Envelope message(ServerFrame.MessageChanged frame, JsonNode message) {
        return Envelope.create(frame.type(), SOURCE, frame.seq(), message);
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
}
