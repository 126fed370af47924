package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.Message;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.frame.ClientFrame;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A message about to be stored, whoever wrote it, made by the factory named for its author;
 * {@code uploader} is the account whose uploads it may carry (its author's, but for a relayed
 * message the relay's).
 */
record MessageDraft(String channel, String authorType, String authorId, String authorName, String content,
                    String threadId, String replyTo, Map<String, Object> metadata, String source,
                    List<String> attachmentIds, String externalId, String uploader) {


    /** A person's message from the web client (its channel is decided when stored: see {@link #in}). */
    static MessageDraft fromPerson(ChatUser author, ClientFrame.SendMessage send) {
        return new MessageDraft(send.channel(), MessageService.AUTHOR_USER, author.username(), author.displayName(), send.content(),
                send.threadId(), send.replyTo(), Map.of(), MessageService.SOURCE_WEB, send.attachmentIds(), null, author.username());
    }

    /** An agent's message from Redis, its metadata already cleaned ({@link AgentMetadata}). */
    static MessageDraft fromAgent(InboundEvent.AgentMessage event, Map<String, Object> metadata) {
        return new MessageDraft(event.channel(), MessageService.AUTHOR_AGENT, event.agent(), event.agent(), event.content(),
                event.threadId(), event.replyTo(), metadata, MessageService.SOURCE_AGENT, List.of(), null, event.agent());
    }

    /** A message the chat service writes in an agent's name (an approval request's own message). */
    static MessageDraft agentSays(String channel, String agent, String content, Map<String, Object> metadata) {
        return new MessageDraft(channel, MessageService.AUTHOR_AGENT, agent, agent, content, null, null, metadata, MessageService.SOURCE_AGENT,
                List.of(), null, agent);
    }

    /** A person's message relayed from Discord; its files are uploads of {@code uploader}, the bridge's account. */
    static MessageDraft fromDiscord(InboundEvent.BridgeMessage event, UUID replyTo, UUID threadRoot,
                                    Map<String, Object> metadata, String uploader) {
        return new MessageDraft(event.channel(), MessageService.AUTHOR_USER, "discord:" + event.authorId(), event.authorName(),
                event.content(), threadRoot == null ? null : threadRoot.toString(), replyTo == null ? null : replyTo.toString(), metadata, MessageService.SOURCE_DISCORD,
                event.attachmentIds(), event.externalId(), uploader);
    }

    /**
     * A webhook's message: its own author type, so it is never taken for a person or an agent,
     * under the name {@link HookMessages} decided; it concerns no agent and uploads nothing.
     */
    static MessageDraft fromHook(String channel, String hookId, String shownName, String content,
                                 Map<String, Object> metadata) {
        return new MessageDraft(channel, MessageService.AUTHOR_HOOK, "hook:" + hookId, shownName, content, null, null,
                metadata, MessageService.SOURCE_HOOK, List.of(), null, "hook:" + hookId);
    }

    static MessageDraft fromSystem(String channel, String content, Map<String, Object> metadata) {
        return new MessageDraft(channel, MessageService.AUTHOR_SYSTEM, "system", "Workflow", content, null, null, metadata,
                MessageService.SOURCE_SYSTEM, List.of(), null, "system");
    }

    /** The same message in the channel it was found to belong in (a person's DM with an agent). */
    MessageDraft in(String resolvedChannel) {
        return new MessageDraft(resolvedChannel, authorType, authorId, authorName, content, threadId, replyTo,
                metadata, source, attachmentIds, externalId, uploader);
    }

    Message toMessage(long seq, UUID threadRoot) {
        Message message = new Message();
        message.id = UUID.randomUUID();
        message.seq = seq;
        message.channel = channel;
        message.authorType = authorType;
        message.authorId = authorId;
        message.authorName = authorName;
        message.content = content;
        message.createdAt = now();
        message.threadId = threadRoot;
        message.replyTo = replyTo == null ? null : parseId(replyTo, "reply_to");
        message.metadata = new HashMap<>(metadata);
        message.source = source;
        message.externalId = externalId;
        return message;
    }

    static UUID parseId(String id, String field) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProtocolException.badRequest(field + " is not a message id");
        }
    }

    /** PostgreSQL keeps microseconds; rounding here makes the sent value equal the stored one. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
