package dev.workflowchat.chat.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.approval.PersonDecisions;
import dev.workflowchat.chat.approval.Decision;
import dev.workflowchat.chat.command.Completions;
import dev.workflowchat.chat.delivery.ClientSession;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Carries out one client frame for one connection and says what to answer: each frame type has
 * one route ({@link MessageFrames}, {@link ChannelFrames}, and the approval and completion ones here).
 */
@ApplicationScoped
public class FrameHandler {

    private final FrameRoutes routes = new FrameRoutes();
    private final ObjectMapper mapper;

    public FrameHandler(MessageFrames messageFrames, ChannelFrames channelFrames, PersonDecisions decisions,
                        Completions completions, ObjectMapper mapper) {
        this.mapper = mapper;
        messageFrames.addTo(routes);
        channelFrames.addTo(routes);
        routes.on(ClientFrame.RespondToApproval.class, (connection, session, respond) -> Uni.createFrom()
                        .item(() -> new Decision(respond.action(), respond.comment(), respond.modifications(), respond.remember()))
                        .chain(decision -> decisions.decide(session.user(), respond.approvalId(), decision))
                        .map(approval -> ServerFrame.Ack.withApproval(respond.ref(), approval)))
                .on(ClientFrame.RespondToApprovals.class, (connection, session, respond) -> Uni.createFrom()
                        .item(() -> new Decision(respond.action(), respond.comment(), null))
                        .chain(decision -> decisions.decideMany(session.user(), respond.approvalIds(), decision))
                        .map(results -> ServerFrame.Ack.withResults(respond.ref(), results)))
                .on(ClientFrame.CompleteCommand.class, (connection, session, complete) -> completions
                        .complete(session.user(), complete.text())
                        .map(items -> new ServerFrame.Completions(complete.ref(), items)))
                .requireAll();
    }

    public Uni<ServerFrame> handle(WebSocketConnection connection, ClientSession session, ClientFrame frame) {
        return routes.handle(connection, session, frame);
    }

    String json(ServerFrame frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INTERNAL, "a server frame must serialise");
        }
    }
}
