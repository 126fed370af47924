package dev.workflowchat.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.repository.ChangeLog;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.chat.messaging.ChangeEvents;
import dev.workflowchat.protocol.event.Envelope;
import io.smallrye.mutiny.Uni;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes a change's frame to the change log inside the transaction that makes the change. */
@ApplicationScoped
public class ChangeRecorder {

    private final ChangeLog changeLog;
    private final ObjectMapper mapper;

    public ChangeRecorder(ChangeLog changeLog, ObjectMapper mapper) {
        this.changeLog = changeLog;
        this.mapper = mapper;
    }

    /** The number of the change about to be made; call inside its transaction. */
    public Uni<Long> nextSeq() {
        return changeLog.nextSeq();
    }

    /** Records a message change; its public event follows from the frame. */
    public Uni<RecordedChange> record(ServerFrame.Change frame) {
        return record(frame, ChangeEvents.of(frame));
    }

    public Uni<RecordedChange> record(ServerFrame.Change frame, Envelope event) {
        return changeLog.record(frame.seq(), frame.channel(), frame.type(), toJson(frame))
                .replaceWith(new RecordedChange(frame, event, Set.of()));
    }

    /** A message change recorded by other means (a batch insert): its frame's JSON for the log, and its event. */
    public RecordedChange recorded(ServerFrame.Change frame) {
        return new RecordedChange(frame, ChangeEvents.of(frame), Set.of());
    }

    public String toJson(ServerFrame frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a server frame must serialise", e);
        }
    }
}
