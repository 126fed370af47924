package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChannelAccess;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.protocol.ProtocolException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A message looked up by id for a person, the one way every action on a message finds it: a
 * message in a channel they may not read (someone else's DM) is answered as if it did not exist.
 * Call within a session.
 */
@ApplicationScoped
public class ReadableMessages {

    private final MessageRepository messages;

    public ReadableMessages(MessageRepository messages) {
        this.messages = messages;
    }

    /** The message, deleted or not; {@code bad_request} for an id that is not one. */
    public Uni<Message> require(ChatUser reader, String messageId) {
        UUID id;
        try {
            id = UUID.fromString(messageId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProtocolException.badRequest("message_id is not a message id"));
        }
        return require(reader, id);
    }

    public Uni<Message> require(ChatUser reader, UUID id) {
        return messages.findById(id).map(message -> {
            if (message == null || !ChannelAccess.mayRead(reader, message.channel)) {
                throw ProtocolException.notFound("no message " + id);
            }
            return message;
        });
    }

    /** The message, which must not be deleted. */
    public Uni<Message> requireLive(ChatUser reader, String messageId) {
        return require(reader, messageId).invoke(message -> {
            if (message.isDeleted()) {
                throw ProtocolException.notFound("message " + messageId + " was deleted");
            }
        });
    }
}
