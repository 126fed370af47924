package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Attachment;
import dev.workflowchat.chat.Mentions;
import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.mapping.AttachmentMapper;
import dev.workflowchat.chat.mapping.MessageExtras;
import dev.workflowchat.chat.mapping.MessageMapper;
import dev.workflowchat.chat.repository.AgentRepository;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.chat.upload.UploadService;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.Agents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores a new message, whoever wrote it, in a channel its writer's service already found
 * writable: its thread, what it answers and its uploads checked, its number taken and its change
 * recorded. Call inside a transaction; any check that fails rolls the whole message back, so no
 * message is stored half attached.
 */
@ApplicationScoped
public class MessageStore {


    private final MessageRepository messages;
    private final ChangeRecorder recorder;
    private final UploadService uploads;
    private final AgentRepository agents;

    public MessageStore(MessageRepository messages, ChangeRecorder recorder, UploadService uploads,
                        AgentRepository agents) {
        this.messages = messages;
        this.recorder = recorder;
        this.uploads = uploads;
        this.agents = agents;
    }

    public Uni<RecordedChange> store(MessageDraft draft) {
        return threadRoot(draft.channel(), draft.threadId())
                .chain(threadId -> requireInChannel(draft.channel(), draft.replyTo()).replaceWith(threadId))
                .chain(threadId -> uploads.claim(draft.uploader(), draft.attachmentIds())
                        .chain(files -> recorder.nextSeq().chain(seq -> messages.persist(draft.toMessage(seq, threadId))
                                .chain(stored -> recordCreated(seq, stored, files)))));
    }

    /** Stores a person's message and notes the agents it concerns (they get it as {@code agent.direct}). */
    public Uni<RecordedChange> storeWithAgents(MessageDraft draft) {
        return store(draft).chain(change -> concernedAgents(draft).map(change::withAgents));
    }

    /**
     * A person's message relayed from Discord, as a user message with source {@code discord}: its
     * files are uploads {@code uploader} (the bridge's account) made, attached as a person's would be.
     */
    public Uni<RecordedChange> storeRelayed(InboundEvent.BridgeMessage event, UUID replyTo, UUID threadRoot,
                                            Map<String, Object> metadata, String uploader) {
        return storeWithAgents(MessageDraft.fromDiscord(event, replyTo, threadRoot, metadata, uploader));
    }

    /** A new message has no reactions or replies yet; its files are those just claimed. */
    private Uni<RecordedChange> recordCreated(long seq, Message stored, List<Attachment> files) {
        UploadService.attach(files, stored.id);
        MessageExtras extras = new MessageExtras(Map.of(), AttachmentMapper.toViews(files), 0);
        return recorder.record(ServerFrame.MessageChanged.created(seq, MessageMapper.toView(stored, extras)));
    }

    /** The agents a person's message is for: the agent of its DM channel, and agents it @mentions. */
    Uni<Set<String>> concernedAgents(MessageDraft draft) {
        Set<String> concerned = new HashSet<>();
        ChannelNames.agentOfDm(draft.channel()).ifPresent(concerned::add);
        Set<String> mentioned = new HashSet<>(Mentions.in(draft.content()));
        mentioned.removeAll(concerned);
        Set<String> known = new HashSet<>(mentioned);
        known.retainAll(Agents.KNOWN.keySet());
        mentioned.removeAll(known);
        concerned.addAll(known);
        return agents.knownAmong(mentioned).map(met -> {
            concerned.addAll(met);
            return Set.copyOf(concerned);
        });
    }

    /** A reply in a thread joins the thread of the message it names, so threads stay one level deep. */
    private Uni<UUID> threadRoot(String channel, String threadId) {
        if (threadId == null) {
            return Uni.createFrom().nullItem();
        }
        return requireInChannel(channel, threadId)
                .map(root -> root.threadId != null ? root.threadId : root.id);
    }

    private Uni<Message> requireInChannel(String channel, String messageId) {
        if (messageId == null) {
            return Uni.createFrom().nullItem();
        }
        return messages.findById(MessageDraft.parseId(messageId, "message id"))
                .invoke(message -> {
                    if (message == null || !message.channel.equals(channel)) {
                        throw ProtocolException.notFound("no message " + messageId + " in " + channel);
                    }
                });
    }
}
