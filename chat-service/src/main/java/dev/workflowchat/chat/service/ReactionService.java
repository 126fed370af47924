package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.announce.ChangeEvents;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.repository.ReactionRepository;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Reactions: only a real change takes a number and is announced. A message holds at most
 * {@value Limits#MAX_DISTINCT_REACTIONS} different ones: every frame about its reactions carries them all.
 */
@ApplicationScoped
public class ReactionService {

    private final ReadableMessages readable;
    private final ReactionRepository reactions;
    private final ChangeRecorder recorder;
    private final ChangePublisher publisher;

    public ReactionService(ReadableMessages readable, ReactionRepository reactions, ChangeRecorder recorder,
                           ChangePublisher publisher) {
        this.readable = readable;
        this.reactions = reactions;
        this.recorder = recorder;
        this.publisher = publisher;
    }

    public Uni<Void> add(ChatUser user, ClientFrame.AddReaction add) {
        return change(user, add.messageId(), true, add.reaction(),
                message -> reactions.distinctOf(message.id).chain(present -> {
                    if (!present.contains(add.reaction()) && present.size() >= Limits.MAX_DISTINCT_REACTIONS) {
                        throw ProtocolException.badRequest("a message may have at most "
                                + Limits.MAX_DISTINCT_REACTIONS + " different reactions");
                    }
                    return reactions.add(message.id, add.reaction(), user.username());
                }));
    }

    public Uni<Void> remove(ChatUser user, ClientFrame.RemoveReaction remove) {
        return change(user, remove.messageId(), false, remove.reaction(),
                message -> reactions.remove(message.id, remove.reaction(), user.username()));
    }

    /**
     * A reaction someone made elsewhere (Discord, as {@code discord:<id>}), inside the caller's transaction: the
     * change to publish after it commits, or nothing when it changes nothing or would be a 21st reaction.
     */
    public Uni<Once<RecordedChange>> relayed(Message message, boolean added, String reaction, String userId) {
        Uni<Boolean> change = added
                ? reactions.distinctOf(message.id).chain(present -> !present.contains(reaction)
                        && present.size() >= Limits.MAX_DISTINCT_REACTIONS
                        ? Uni.createFrom().item(false)
                        : reactions.add(message.id, reaction, userId))
                : reactions.remove(message.id, reaction, userId);
        return change.chain(changed -> changed
                ? record(message, added, userId, reaction).map(Once::applied)
                : Uni.createFrom().item(Once.<RecordedChange>appliedBefore()));
    }

    private Uni<Void> change(ChatUser user, String messageId, boolean added, String reaction,
                             Function<Message, Uni<Boolean>> change) {
        return Panache.withTransaction(() -> readable.requireLive(user, messageId)
                        .chain(message -> change.apply(message).chain(changed -> changed
                                ? record(message, added, user.username(), reaction).map(Once::applied)
                                : Uni.createFrom().item(Once.<RecordedChange>appliedBefore()))))
                .invoke(once -> {
                    if (once.isApplied()) {
                        publisher.publish(once.made());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<RecordedChange> record(Message message, boolean added, String userId, String reaction) {
        return recorder.nextSeq().chain(seq -> reactions.ofMessage(message.id)
                .chain(current -> {
                    var frame = new ServerFrame.ReactionUpdated(seq, message.id.toString(), message.channel, current);
                    return recorder.record(frame, ChangeEvents.reaction(frame, added, userId, reaction));
                }));
    }
}
