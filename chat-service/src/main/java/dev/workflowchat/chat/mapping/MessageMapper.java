package dev.workflowchat.chat.mapping;

import dev.workflowchat.chat.Message;
import dev.workflowchat.protocol.model.MessageView;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Maps stored messages to the wire; a deleted message keeps its place but shows nothing of itself. */
public final class MessageMapper {

    private MessageMapper() {
    }

    public static MessageView toView(Message message, MessageExtras extras) {
        boolean deleted = message.isDeleted();
        return new MessageView(
                message.id.toString(),
                message.seq,
                message.channel,
                message.authorType,
                message.authorId,
                message.authorName,
                deleted ? "" : message.content,
                message.createdAt,
                message.editedAt,
                message.deletedAt,
                idOrNull(message.threadId),
                idOrNull(message.replyTo),
                deleted ? Map.of() : extras.reactions(),
                deleted ? List.of() : extras.attachments(),
                deleted || message.metadata == null ? Map.of() : message.metadata,
                message.source,
                message.externalId,
                deleted ? null : message.pinnedAt,
                deleted ? null : message.pinnedBy,
                extras.replyCount());
    }

    private static String idOrNull(UUID id) {
        return id == null ? null : id.toString();
    }
}
