package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Pinning messages to their channel: anyone who sees the channel may pin or unpin. Only a real
 * change takes a seq and is announced; asking for the state a message is already in just answers.
 */
@ApplicationScoped
public class PinService {

    private static final int MAX_PINS = 200;

    private final MessageRepository messages;
    private final ReadableMessages readable;
    private final MessageViews views;
    private final ChannelService channels;
    private final ChangeRecorder recorder;
    private final ChangePublisher publisher;

    public PinService(MessageRepository messages, ReadableMessages readable, MessageViews views, ChannelService channels,
                      ChangeRecorder recorder, ChangePublisher publisher) {
        this.messages = messages;
        this.readable = readable;
        this.views = views;
        this.channels = channels;
        this.recorder = recorder;
        this.publisher = publisher;
    }

    public Uni<MessageView> pin(ChatUser user, String messageId) {
        return change(user, messageId, true);
    }

    public Uni<MessageView> unpin(ChatUser user, String messageId) {
        return change(user, messageId, false);
    }

    /** The channel's pinned live messages, most recently pinned first. */
    public Uni<List<MessageView>> pinned(ChatUser reader, String channel) {
        return Panache.withSession(() -> channels.requireReadable(reader, channel)
                .chain(ignored -> messages.pinnedIn(channel, MAX_PINS))
                .chain(views::of));
    }

    private Uni<MessageView> change(ChatUser user, String messageId, boolean pin) {
        return Panache.withTransaction(() -> readable.require(user, messageId)
                        .chain(message -> differs(message, pin)
                                ? recorder.nextSeq().chain(seq -> applyIfStillDiffers(message, pin, user.username(), seq))
                                : unchanged(message)))
                .invoke(outcome -> {
                    if (outcome.change() != null) {
                        publisher.publish(outcome.change());
                    }
                })
                .map(Outcome::message);
    }

    /**
     * Re-reads the message once the seq lock is held: every change takes that lock first, so a
     * pin racing this one has committed by now, and is seen, instead of being announced twice.
     */
    private Uni<Outcome> applyIfStillDiffers(Message message, boolean pin, String by, long seq) {
        return Panache.getSession()
                .chain(session -> session.refresh(message))
                .chain(ignored -> {
                    if (!differs(message, pin)) {
                        return unchanged(message);
                    }
                    message.pinnedAt = pin ? Instant.now().truncatedTo(ChronoUnit.MICROS) : null;
                    message.pinnedBy = pin ? by : null;
                    return views.of(message).chain(view -> recorder.record(pin
                                    ? ServerFrame.MessageChanged.pinned(seq, view)
                                    : ServerFrame.MessageChanged.unpinned(seq, view))
                            .map(change -> new Outcome(view, change)));
                });
    }

    private static boolean differs(Message message, boolean pin) {
        if (pin && message.isDeleted()) {
            throw ProtocolException.badRequest("a deleted message can't be pinned");
        }
        return pin != (message.pinnedAt != null);
    }

    private Uni<Outcome> unchanged(Message message) {
        return views.of(message).map(view -> new Outcome(view, null));
    }

    /** The message as it is now, and the change made, if any. */
    private record Outcome(MessageView message, RecordedChange change) {
    }
}
