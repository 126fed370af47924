package dev.workflowchat.chat.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.approval.Decision;
import dev.workflowchat.chat.command.CommandService;
import dev.workflowchat.chat.command.Completions;
import dev.workflowchat.chat.service.MessageHistory;
import dev.workflowchat.chat.service.MessageService;
import dev.workflowchat.chat.service.PinService;
import dev.workflowchat.chat.service.ResumeBatch;
import dev.workflowchat.chat.service.TypingNotices;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Carries out one client frame for one connection and says what to answer. */
@ApplicationScoped
public class FrameHandler {

    private final MessageService messages;
    private final MessageHistory history;
    private final PinService pins;
    private final TypingNotices typing;
    private final ApprovalService approvals;
    private final CommandService commands;
    private final Completions completions;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public FrameHandler(MessageService messages, MessageHistory history, PinService pins, TypingNotices typing,
                        ApprovalService approvals, CommandService commands, Completions completions, Outbox outbox,
                        ObjectMapper mapper) {
        this.messages = messages;
        this.history = history;
        this.pins = pins;
        this.typing = typing;
        this.approvals = approvals;
        this.commands = commands;
        this.completions = completions;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    public Uni<ServerFrame> handle(WebSocketConnection connection, ClientSession session, ClientFrame frame) {
        String ref = frame.ref();
        // Java 17 has no pattern switch; the parser yields exactly these types.
        if (frame instanceof ClientFrame.SendMessage send) {
            if (send.content().startsWith("/")) {
                return commands.run(session.user(), ref, send.content(), send.channel()).map(ServerFrame.class::cast);
            }
            return messages.post(session.user(), send).map(message -> ServerFrame.Ack.withMessage(ref, message));
        }
        if (frame instanceof ClientFrame.EditMessage edit) {
            return messages.edit(session.user(), edit).map(message -> ServerFrame.Ack.withMessage(ref, message));
        }
        if (frame instanceof ClientFrame.DeleteMessage delete) {
            return messages.delete(session.user(), delete).map(ignored -> ack(ref));
        }
        if (frame instanceof ClientFrame.AddReaction add) {
            return messages.addReaction(session.user(), add).map(ignored -> ack(ref));
        }
        if (frame instanceof ClientFrame.RemoveReaction remove) {
            return messages.removeReaction(session.user(), remove).map(ignored -> ack(ref));
        }
        if (frame instanceof ClientFrame.PinMessage pin) {
            return pins.pin(session.user(), pin.messageId()).map(message -> ServerFrame.Ack.withMessage(ref, message));
        }
        if (frame instanceof ClientFrame.UnpinMessage unpin) {
            return pins.unpin(session.user(), unpin.messageId()).map(message -> ServerFrame.Ack.withMessage(ref, message));
        }
        if (frame instanceof ClientFrame.Typing notice) {
            return typing.announce(session.user(), notice.channel()).replaceWith(ack(ref));
        }
        if (frame instanceof ClientFrame.RequestHistory page) {
            return history.history(session.user(), page.channel(), page.beforeSeq(), page.limit())
                    .map(shown -> new ServerFrame.History(ref, shown.channel(), shown.messages(), shown.hasMore()));
        }
        if (frame instanceof ClientFrame.Resume resume) {
            return history.changesAfter(session.user(), resume.afterSeq())
                    .map(batch -> replay(connection, batch))
                    .map(batch -> ServerFrame.Ack.ofResume(ref, batch.lastSeq(), batch.hasMore()));
        }
        if (frame instanceof ClientFrame.MarkRead read) {
            return messages.markRead(session.user(), read).map(ignored -> ack(ref));
        }
        if (frame instanceof ClientFrame.RespondToApproval respond) {
            return Uni.createFrom().item(() -> new Decision(respond.action(), respond.comment(), respond.modifications()))
                    .chain(decision -> approvals.decide(session.user(), respond.approvalId(), decision))
                    .map(approval -> ServerFrame.Ack.withApproval(ref, approval));
        }
        ClientFrame.CompleteCommand complete = (ClientFrame.CompleteCommand) frame;
        return completions.complete(complete.text()).map(items -> new ServerFrame.Completions(ref, items));
    }

    /**
     * Sends the batch's frames in order (writes on one connection keep their order), each counted
     * against the connection's send buffer ({@link Outbox#reply}), before the ack that closes it.
     */
    private ResumeBatch replay(WebSocketConnection connection, ResumeBatch batch) {
        for (var change : batch.changes()) {
            outbox.reply(connection, change.frameJson());
        }
        return batch;
    }

    private static ServerFrame ack(String ref) {
        return ServerFrame.Ack.of(ref);
    }


    String json(ServerFrame frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INTERNAL, "a server frame must serialise");
        }
    }
}
