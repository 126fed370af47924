package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChatUser;
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
    private final ReadableMessages readable;
    private final MessageViews views;

    public ThreadService(MessageRepository messages, ReadableMessages readable, MessageViews views) {
        this.messages = messages;
        this.readable = readable;
        this.views = views;
    }

    /** The thread a message starts or, for a reply, the thread it is in (threads are one level deep). */
    public Uni<ThreadPage> thread(ChatUser reader, String messageId) {
        return Panache.withSession(() -> find(reader, messageId)
                .chain(message -> message.threadId == null ? Uni.createFrom().item(message)
                        : readable.require(reader, message.threadId))
                .chain(root -> views.of(root)
                        .chain(parent -> messages.replies(root.id, MAX_REPLIES)
                                .chain(views::of)
                                .map(replies -> new ThreadPage(parent, replies)))));
    }

    /** An id that is not one is answered {@code not_found} here: it names a page that does not exist. */
    private Uni<Message> find(ChatUser reader, String messageId) {
        try {
            return readable.require(reader, UUID.fromString(messageId));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProtocolException.notFound("no message " + messageId));
        }
    }
}
