package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Attachment;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.mapping.AttachmentMapper;
import dev.workflowchat.chat.mapping.MessageExtras;
import dev.workflowchat.chat.mapping.MessageMapper;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.chat.repository.ReactionRepository;
import dev.workflowchat.chat.upload.AttachmentRepository;
import dev.workflowchat.protocol.model.MessageView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stored messages as clients see them, with reactions, files and reply counts read in one query
 * each for a whole page. Call within a session.
 */
@ApplicationScoped
public class MessageViews {

    private final ReactionRepository reactions;
    private final AttachmentRepository attachments;
    private final MessageRepository messages;

    public MessageViews(ReactionRepository reactions, AttachmentRepository attachments, MessageRepository messages) {
        this.reactions = reactions;
        this.attachments = attachments;
        this.messages = messages;
    }

    public Uni<List<MessageView>> of(List<Message> page) {
        List<UUID> ids = page.stream().map(message -> message.id).toList();
        // One after the other: a Hibernate Reactive session runs one query at a time.
        return reactions.ofMessages(ids).chain(reactionsOf -> attachments.ofMessages(ids)
                .chain(filesOf -> messages.replyCounts(ids)
                        .map(repliesOf -> page.stream()
                                .map(message -> MessageMapper.toView(message, new MessageExtras(
                                        reactionsOf.getOrDefault(message.id, Map.of()),
                                        AttachmentMapper.toViews(filesOf.getOrDefault(message.id, List.<Attachment>of())),
                                        repliesOf.getOrDefault(message.id, 0L))))
                                .toList())));
    }

    public Uni<MessageView> of(Message message) {
        return of(List.of(message)).map(views -> views.get(0));
    }
}
