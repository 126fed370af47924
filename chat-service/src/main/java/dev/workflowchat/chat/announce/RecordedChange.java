package dev.workflowchat.chat.announce;

import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.MessageView;
import java.util.Set;

/**
 * A committed change: its frame (kept for resume), its public event on {@code wfchat:out},
 * and the agents it concerns (a DM to them, or a mention), who get it as {@code agent.direct}.
 */
public record RecordedChange(ServerFrame.Change frame, Envelope event, Set<String> agents) {

    public RecordedChange withAgents(Set<String> concerned) {
        return new RecordedChange(frame, event, concerned);
    }

    /** The message of a message change (created, edited, pinned, unpinned). */
    public MessageView message() {
        return ((ServerFrame.MessageChanged) frame).message();
    }
}
