package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.command.CommandService;
import dev.workflowchat.chat.service.MessageService;
import dev.workflowchat.chat.service.PinService;
import dev.workflowchat.chat.service.ReactionService;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ServerFrame;
import jakarta.enterprise.context.ApplicationScoped;

/** The frames that write messages: send (or run a slash command), edit, delete, react, pin. */
@ApplicationScoped
class MessageFrames {

    private final MessageService messages;
    private final ReactionService reactions;
    private final PinService pins;
    private final CommandService commands;

    MessageFrames(MessageService messages, ReactionService reactions, PinService pins, CommandService commands) {
        this.messages = messages;
        this.reactions = reactions;
        this.pins = pins;
        this.commands = commands;
    }

    void addTo(FrameRoutes routes) {
        routes.on(ClientFrame.SendMessage.class, (connection, session, send) -> send.content().startsWith("/")
                        ? commands.run(session.user(), send.ref(), send.content(), send.channel()).map(ServerFrame.class::cast)
                        : messages.post(session.user(), send).map(message -> ServerFrame.Ack.withMessage(send.ref(), message)))
                .on(ClientFrame.EditMessage.class, (connection, session, edit) -> messages.edit(session.user(), edit)
                        .map(message -> ServerFrame.Ack.withMessage(edit.ref(), message)))
                .on(ClientFrame.DeleteMessage.class, (connection, session, delete) -> messages.delete(session.user(), delete)
                        .map(ignored -> ServerFrame.Ack.of(delete.ref())))
                .on(ClientFrame.AddReaction.class, (connection, session, add) -> reactions.add(session.user(), add)
                        .map(ignored -> ServerFrame.Ack.of(add.ref())))
                .on(ClientFrame.RemoveReaction.class, (connection, session, remove) -> reactions.remove(session.user(), remove)
                        .map(ignored -> ServerFrame.Ack.of(remove.ref())))
                .on(ClientFrame.PinMessage.class, (connection, session, pin) -> pins.pin(session.user(), pin.messageId())
                        .map(message -> ServerFrame.Ack.withMessage(pin.ref(), message)))
                .on(ClientFrame.UnpinMessage.class, (connection, session, unpin) -> pins.unpin(session.user(), unpin.messageId())
                        .map(message -> ServerFrame.Ack.withMessage(unpin.ref(), message)));
    }
}
