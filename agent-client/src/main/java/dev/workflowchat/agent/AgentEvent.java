package dev.workflowchat.agent;

import dev.workflowchat.protocol.event.Envelope;

/** Something on the agent's own stream ({@code wfchat:agent:<agent>:stream}), with the entry id it came in. */
public sealed interface AgentEvent {

    String entryId();

    Envelope envelope();

    default String type() {
        return envelope().type();
    }

    /** A message in the agent's DM channel, or one that @mentions it elsewhere; {@code authorType} is user, agent or system. */
    record DirectMessage(String entryId, Envelope envelope, String messageId, String channel, String authorType,
                         String authorId, String authorName, String content, String threadId) implements AgentEvent {
    }

    /** Someone gave the agent a task with {@code /assign}. */
    record TaskAssigned(String entryId, Envelope envelope, String task, String assignedBy, String channel)
            implements AgentEvent {
    }

    /** One of the agent's approval requests was decided, expired or cancelled. */
    record ApprovalDecided(String entryId, Envelope envelope, Decision decision) implements AgentEvent {
    }

    /** A type this client does not know yet; the contract lets new types appear. */
    record Other(String entryId, Envelope envelope) implements AgentEvent {
    }
}
