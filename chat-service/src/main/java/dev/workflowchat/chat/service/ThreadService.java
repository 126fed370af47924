package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Reads threads; replying is message.send with a thread_id. */
@ApplicationScoped
public class ThreadService {

    public static final int MAX_REPLIES = 500;

    private final MessageRepository messages;
    private final MessageViews views;

    public ThreadService(MessageRepository messages, MessageViews views) {
        this.messages = messages;
        this.views = views;
    }

    /** The thread a message starts or, for a reply, the thread it is in (threads are one level deep). */
    public Uni<ThreadPage> thread(String messageId) {
        return Panache.withSession(() -> find(messageId)
                .chain(message -> message.threadId == null ? Uni.createFrom().item(message) : find(message.threadId))
                .chain(root -> views.of(root)
                        .chain(parent -> messages.replies(root.id, MAX_REPLIES)
                                .chain(views::of)
                                .map(replies -> new ThreadPage(parent, replies)))));
    }

    private Uni<Message> find(String messageId) {
        try {
            return find(UUID.fromString(messageId));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProtocolException.notFound("no message " + messageId));
        }
    }

    private Uni<Message> find(UUID id) {
        return messages.findById(id).onItem().ifNull().failWith(() -> ProtocolException.notFound("no message " + id));
    }
}
