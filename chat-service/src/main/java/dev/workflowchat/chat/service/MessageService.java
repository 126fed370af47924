package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What people do with messages: send, edit, delete. Each write checks, stores the change in its
 * own transaction and only after the commit publishes it: a publish inside the transaction would
 * announce a write that may still roll back. A plain message is checked first and then stored
 * with the others sent at the same moment ({@link GroupedSends}), one transaction for them all. Reading is {@link MessageHistory}; agents' and the
 * system's messages are {@link AgentMessages} and {@link SystemMessages}.
 */
@ApplicationScoped
public class MessageService {

    public static final String AUTHOR_USER = "user";
    public static final String AUTHOR_AGENT = "agent";
    public static final String AUTHOR_SYSTEM = "system";
    /** A webhook (incoming or GitHub): shown under its bot name, never as a person or an agent. */
    public static final String AUTHOR_HOOK = "hook";
    public static final String SOURCE_SYSTEM = "system";
    public static final String SOURCE_WEB = "web";
    public static final String SOURCE_AGENT = "agent";
    public static final String SOURCE_DISCORD = "discord";
    public static final String SOURCE_HOOK = "hook";

    private final ChannelService channels;
    private final ReadableMessages readable;
    private final MessageStore store;
    private final ChangeRecorder recorder;
    private final MessageViews views;
    private final ChangePublisher publisher;
    private final GroupedSends grouped;

    public MessageService(ChannelService channels, ReadableMessages readable, MessageStore store,
                          ChangeRecorder recorder, MessageViews views, ChangePublisher publisher,
                          GroupedSends grouped) {
        this.grouped = grouped;
        this.channels = channels;
        this.readable = readable;
        this.store = store;
        this.recorder = recorder;
        this.views = views;
        this.publisher = publisher;
    }

    /** A person's message; {@code dm:<agent>} is their own private DM with that agent. */
    public Uni<MessageView> post(ChatUser author, ClientFrame.SendMessage send) {
        if (send.content().isBlank() && send.attachmentIds().isEmpty()) {
            return Uni.createFrom().failure(ProtocolException.badRequest("a message needs content"));
        }
        MessageDraft draft = MessageDraft.fromPerson(author, send);
        Supplier<Uni<RecordedChange>> alone = () -> commitThenPublish(() -> channels.requireWritableByPerson(author,
                send.channel()).chain(channel -> store.storeWithAgents(draft.in(channel.name))));
        if (!GroupedSends.qualifies(draft)) {
            return alone.get().map(RecordedChange::message);
        }
        return Panache.withSession(() -> channels.requireWritableByPerson(author, send.channel())
                        .chain(channel -> store.concernedAgents(draft.in(channel.name))
                                .map(concerned -> new Checked(draft.in(channel.name), concerned))))
                .chain(checked -> grouped.store(checked.draft(), checked.concerned(), alone))
                .map(RecordedChange::message);
    }

    public Uni<MessageView> edit(ChatUser user, ClientFrame.EditMessage edit) {
        return commitThenPublish(() -> readable.requireLive(user, edit.messageId())
                .invoke(message -> requireMayChange(user, message, "edit"))
                .chain(message -> recordEdit(message, edit.content())))
                .map(RecordedChange::message);
    }

    public Uni<Void> delete(ChatUser user, ClientFrame.DeleteMessage delete) {
        return commitThenPublish(() -> readable.requireLive(user, delete.messageId())
                .invoke(message -> requireMayChange(user, message, "delete"))
                .chain(this::recordDelete))
                .replaceWithVoid();
    }

    /** Gives a live message new content and records the edit; call inside a transaction, publish after commit. */
    public Uni<RecordedChange> recordEdit(Message message, String content) {
        return recorder.nextSeq().chain(seq -> {
            message.content = content;
            message.editedAt = MessageDraft.now();
            return views.of(message)
                    .chain(view -> recorder.recordAndScrub(ServerFrame.MessageChanged.edited(seq, view), view));
        });
    }

    /** Soft-deletes a live message and records it; call inside a transaction, publish after commit. */
    public Uni<RecordedChange> recordDelete(Message message) {
        return recorder.nextSeq().chain(seq -> {
            message.deletedAt = MessageDraft.now();
            return views.of(message).chain(gone -> recorder.recordAndScrub(new ServerFrame.MessageDeleted(
                    seq, message.id.toString(), message.channel, message.deletedAt), gone));
        });
    }

    private Uni<RecordedChange> commitThenPublish(Supplier<Uni<RecordedChange>> work) {
        return Panache.withTransaction(work).invoke(publisher::publish);
    }

    /** A person's plain message found writable where it goes, and the agents it concerns. */
    private record Checked(MessageDraft draft, Set<String> concerned) {
    }

    private static void requireMayChange(ChatUser user, Message message, String action) {
        boolean own = AUTHOR_USER.equals(message.authorType) && user.username().equals(message.authorId);
        if (!own && !user.isAdmin()) {
            throw ProtocolException.forbidden("you may only " + action + " your own messages");
        }
    }
}
