package dev.workflowchat.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.announce.ChangeEvents;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.mapping.MessageExtras;
import dev.workflowchat.chat.mapping.MessageMapper;
import dev.workflowchat.chat.repository.ChangeLog;
import dev.workflowchat.chat.repository.MessageBatch;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.MessageView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

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
        if (frame instanceof ServerFrame.MessageChanged changed) {
            Logged logged = logged(changed);
            return log(frame, logged.frameJson(), logged.change());
        }
        return record(frame, ChangeEvents.of(frame));
    }

    public Uni<RecordedChange> record(ServerFrame.Change frame, Envelope event) {
        return log(frame, toJson(frame), new RecordedChange(frame, event, Set.of()));
    }

    private Uni<RecordedChange> log(ServerFrame.Change frame, String frameJson, RecordedChange change) {
        return changeLog.record(frame.seq(), frame.channel(), frame.type(), frameJson, messageIdOf(frame)).replaceWith(change);
    }

    /**
     * Records an edit or delete of a message (its frame carries the message as it is now, or says
     * it was deleted) and scrubs the message's earlier records to {@code now}: what it said before
     * is no longer handed out by resume.
     */
    public Uni<RecordedChange> recordAndScrub(ServerFrame.Change frame, MessageView now) {
        return record(frame).call(() -> changeLog.scrub(UUID.fromString(now.messageId()), toJson(now), frame.seq()));
    }

    /**
     * A new message (top level, without files) about to be stored by a batch insert
     * ({@link MessageBatch}): its row, with its metadata and its {@code message.created} frame as
     * JSON, and the change to announce after the commit.
     */
    public Batched batched(Message message) {
        Logged logged = logged(ServerFrame.MessageChanged.created(message.seq, MessageMapper.toView(message, MessageExtras.NONE)));
        return new Batched(new MessageBatch.NewMessage(message, toJson(message.metadata), logged.frameJson()), logged.change());
    }

    /** A message's row for a batch insert and its change. */
    public record Batched(MessageBatch.NewMessage row, RecordedChange change) {
    }

    /**
     * A message change's frame for the log and its event, from one writing of the message: the
     * event carries the message's JSON, and the frame is that JSON with its type and number around
     * it (for the ingest, a message written out once rather than twice).
     */
    private Logged logged(ServerFrame.MessageChanged frame) {
        JsonNode message = ProtocolJson.mapper().valueToTree(frame.message());
        Envelope event = ChangeEvents.message(frame, message);
        return new Logged(ServerFrame.MessageChanged.json(frame.type(), frame.seq(), message),
                new RecordedChange(frame, event, Set.of()));
    }

    private record Logged(String frameJson, RecordedChange change) {
    }

    private static UUID messageIdOf(ServerFrame.Change frame) {
        String id;
        if (frame instanceof ServerFrame.MessageChanged changed) {
            id = changed.message().messageId();
        } else if (frame instanceof ServerFrame.MessageDeleted deleted) {
            id = deleted.messageId();
        } else {
            id = ((ServerFrame.ReactionUpdated) frame).messageId();
        }
        return UUID.fromString(id);
    }

    public String toJson(Object frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a server frame must serialise", e);
        }
    }
}
