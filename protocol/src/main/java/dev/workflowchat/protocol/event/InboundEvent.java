package dev.workflowchat.protocol.event;

import java.util.List;
import java.util.Map;

/** A validated inbound event: the envelope's id and source, and the typed data. */
public sealed interface InboundEvent {

    String id();

    String source();

    /** An agent says something in a channel. */
    record AgentMessage(String id, String source, String channel, String agent, String content, String threadId,
                        String replyTo, Map<String, Object> metadata) implements InboundEvent {
    }

    /** An agent's presence and current task. */
    record AgentStatus(String id, String source, String agent, String status, String task, String detail)
            implements InboundEvent {
    }

    /** An agent asks for a decision; {@code project} (optional) is the workflow project it belongs to. */
    record ApprovalRequest(String id, String source, String requestType, String title, Map<String, Object> payload,
                           String channel, long expiresInSeconds, String project, ApprovalContext context,
                           ApprovalTerms terms)
            implements InboundEvent {

        public ApprovalRequest(String id, String source, String requestType, String title, Map<String, Object> payload,
                               String channel, long expiresInSeconds, String project, ApprovalContext context) {
            this(id, source, requestType, title, payload, channel, expiresInSeconds, project, context, ApprovalTerms.DEFAULT);
        }

        public ApprovalRequest(String id, String source, String requestType, String title, Map<String, Object> payload,
                               String channel, long expiresInSeconds, String project) {
            this(id, source, requestType, title, payload, channel, expiresInSeconds, project, ApprovalContext.NONE);
        }

        public ApprovalRequest(String id, String source, String requestType, String title, Map<String, Object> payload,
                               String channel, long expiresInSeconds) {
            this(id, source, requestType, title, payload, channel, expiresInSeconds, null);
        }
    }

    record ApprovalCancel(String id, String source, String approvalId, String reason) implements InboundEvent {
    }

    /**
     * A person's message relayed from Discord. {@code attachmentIds} are uploads the bridge made
     * under its own account (never null); {@code avatarUrl} and {@code replyToExternal} may be null.
     */
    record BridgeMessage(String id, String source, String channel, String externalId, String authorId,
                         String authorName, String avatarUrl, String content, String replyToExternal,
                         List<String> attachmentIds, Thread thread) implements InboundEvent {

        public BridgeMessage {
            attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
            thread = thread == null ? Thread.NONE : thread;
        }

        public BridgeMessage(String id, String source, String channel, String externalId, String authorId,
                             String authorName, String avatarUrl, String content, String replyToExternal,
                             List<String> attachmentIds) {
            this(id, source, channel, externalId, authorId, authorName, avatarUrl, content, replyToExternal,
                    attachmentIds, Thread.NONE);
        }

        /**
         * The web thread a message from a Discord thread belongs in: the root by its web id ({@code webId}, a message
         * the bridge copied into Discord) or by the Discord id it came from ({@code external}); both null for none.
         */
        public record Thread(String webId, String external) {
            public static final Thread NONE = new Thread(null, null);
        }

        /** A message without files. */
        public BridgeMessage(String id, String source, String channel, String externalId, String authorId,
                             String authorName, String avatarUrl, String content, String replyToExternal) {
            this(id, source, channel, externalId, authorId, authorName, avatarUrl, content, replyToExternal, List.of());
        }
    }

    record BridgeMessageEdited(String id, String source, String externalId, String content) implements InboundEvent {
    }

    record BridgeMessageDeleted(String id, String source, String externalId) implements InboundEvent {
    }

    /**
     * A slash command typed in Discord, to run as the web user {@code user} in {@code channel};
     * {@code externalId} is the Discord message's id, the author fields (may be null) are for the record.
     */
    record BridgeCommand(String id, String source, String channel, String externalId, String user, String text,
                         String authorId, String authorName) implements InboundEvent {
    }

    /**
     * A Discord user's standard emoji reaction, added or removed, on a bridged message: {@code messageId} names a
     * web message the bridge copied, {@code externalId} a Discord message the chat stored (one of the two).
     */
    record BridgeReaction(String id, String source, String messageId, String externalId, String reaction, boolean added,
                          String userId, String userName) implements InboundEvent {
    }

    record CommandResult(String id, String source, String correlationId, boolean ok, String message, String hint,
                         Object state, List<String> allowedCommands) implements InboundEvent {
    }

    /**
     * A slash command for the workflow. {@code pendingApprovals} (pending approvals by project, for
     * {@code /projects}) is sent by the chat-service only; empty otherwise.
     */
    record CommandInvoke(String id, String source, String correlationId, String command, List<String> args,
                         String raw, String user, String channel, String project, Map<String, Long> pendingApprovals)
            implements InboundEvent {

        public CommandInvoke(String id, String source, String correlationId, String command, List<String> args,
                             String raw, String user, String channel, String project) {
            this(id, source, correlationId, command, args, raw, user, channel, project, Map.of());
        }

        /** The same command, run as {@code runAs}. */
        public CommandInvoke as(String runAs) {
            return new CommandInvoke(id, source, correlationId, command, args, raw, runAs, channel, project, pendingApprovals);
        }
    }

    record AgentActivity(String id, String source, String agent, String action, String status, String storyId,
                         String project) implements InboundEvent {
    }

    /** A TDD cycle moved; {@code evidence} is {@link TddEvidence#NONE} when the report brings none. */
    record TddReport(String id, String source, String storyId, String to, String project, String detail,
                     TddEvidence evidence) implements InboundEvent {

        public TddReport(String id, String source, String storyId, String to, String project, String detail) {
            this(id, source, storyId, to, project, detail, TddEvidence.NONE);
        }
    }

    record WorkflowSignal(String id, String source, String signal, String project) implements InboundEvent {
    }

    /**
     * A person approved an agent's proposed stories (read from the approval's decision on
     * {@code wfchat:out:stream}): they join the project's backlog, in {@code epic} when it is open.
     */
    record StoriesAccepted(String id, String source, String project, String epic, List<ProposedStory> stories,
                           String decidedBy) implements InboundEvent {
    }
}
