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

    public static MessageView toView(Message message, Map<String, List<String>> reactions) {
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
                deleted ? Map.of() : reactions,
                List.of(),
                deleted || message.metadata == null ? Map.of() : message.metadata,
                message.source,
                message.externalId);
    }

    public static List<MessageView> toViews(List<Message> messages, Map<UUID, Map<String, List<String>>> reactions) {
        return messages.stream()
                .map(message -> toView(message, reactions.getOrDefault(message.id, Map.of())))
                .toList();
    }

    private static String idOrNull(UUID id) {
        return id == null ? null : id.toString();
    }
}
