package dev.workflowchat.protocol.event;

import java.util.Set;

/** The event types of the contract, by who reads them. */
public final class EventTypes {

    public static final String AGENT_MESSAGE = "agent.message";
    public static final String AGENT_STATUS = "agent.status";
    public static final String APPROVAL_REQUEST = "approval.request";
    public static final String APPROVAL_CANCEL = "approval.cancel";
    public static final String BRIDGE_MESSAGE = "bridge.message";
    public static final String BRIDGE_MESSAGE_EDITED = "bridge.message.edited";
    public static final String BRIDGE_MESSAGE_DELETED = "bridge.message.deleted";
    /** Added: a slash command typed in Discord, run as the web user the bridge maps its author to. */
    public static final String BRIDGE_COMMAND = "bridge.command";
    /** Added: a standard emoji reaction added or removed in Discord on a bridged message. */
    public static final String BRIDGE_REACTION = "bridge.reaction";
    public static final String COMMAND_RESULT = "command.result";

    public static final String MESSAGE_CREATED = "message.created";
    public static final String MESSAGE_EDITED = "message.edited";
    public static final String MESSAGE_DELETED = "message.deleted";
    /** Added: a message was pinned to, or unpinned from, its channel; data is the message. */
    public static final String MESSAGE_PINNED = "message.pinned";
    public static final String MESSAGE_UNPINNED = "message.unpinned";
    public static final String REACTION_ADDED = "reaction.added";
    public static final String REACTION_REMOVED = "reaction.removed";
    public static final String APPROVAL_REQUESTED = "approval.requested";
    public static final String APPROVAL_DECIDED = "approval.decided";
    /** Added: a vote toward an approval's quorum; data is the approval, still pending. */
    public static final String APPROVAL_UPDATED = "approval.updated";
    /** Added: a pending approval was escalated at three quarters of its lifetime; data: approval, to. */
    public static final String APPROVAL_ESCALATED = "approval.escalated";
    public static final String TASK_ASSIGNED = "task.assigned";
    public static final String AGENT_DIRECT = "agent.direct";
    /** Added: an agent's presence changed (from agent.status, or silence). */
    public static final String AGENT_PRESENCE = "agent.presence";
    /** Added: someone is typing; ephemeral, pub/sub only. */
    public static final String USER_TYPING = "user.typing";
    /** Added: a login session ended; every replica closes its sockets. */
    public static final String SESSION_ENDED = "session.ended";
    /** Added: an admin created, changed, archived or unarchived a public channel; data: change, channel. */
    public static final String CHANNEL_UPDATED = "channel.updated";
    /** Added: a person's display name or roles changed; data is the user. */
    public static final String USER_UPDATED = "user.updated";

    public static final String COMMAND_INVOKE = "command.invoke";
    public static final String AGENT_ACTIVITY = "agent.activity";
    public static final String TDD_REPORT = "tdd.report";
    /** An agent proposes stories for a project's backlog; they wait for a person's approval. */
    public static final String STORIES_PROPOSED = "stories.proposed";
    /** The request type of the approval a {@code stories.proposed} becomes. */
    public static final String STORY_PROPOSAL = "story_proposal";
    public static final String WORKFLOW_SIGNAL = "workflow.signal";
    public static final String WORKFLOW_TRANSITION = "workflow.transition";
    public static final String TDD_TRANSITION = "tdd.transition";
    /** To an agent: its {@code tdd.report} was refused, and why (the report is dead-lettered too). */
    public static final String TDD_REFUSED = "tdd.refused";
    public static final String WORKFLOW_SNAPSHOT = "workflow.snapshot";

    /** What the chat service accepts on {@code wfchat:in}. */
    /** What only the Discord bridge sends, and only on its own stream ({@code RedisNames.bridgeInStream()}). */
    public static final Set<String> BRIDGE_INBOUND = Set.of(BRIDGE_MESSAGE, BRIDGE_MESSAGE_EDITED, BRIDGE_MESSAGE_DELETED,
            BRIDGE_COMMAND, BRIDGE_REACTION);

    public static final Set<String> CHAT_INBOUND = Set.of(AGENT_MESSAGE, AGENT_STATUS, APPROVAL_REQUEST, APPROVAL_CANCEL,
            STORIES_PROPOSED, BRIDGE_MESSAGE, BRIDGE_MESSAGE_EDITED, BRIDGE_MESSAGE_DELETED, BRIDGE_COMMAND, BRIDGE_REACTION,
            COMMAND_RESULT);

    /** What an agent may send on its own way in ({@code wfchat:in:<agent>}): its own words, state and requests. */
    public static final Set<String> AGENT_OWN_INBOUND = Set.of(AGENT_MESSAGE, AGENT_STATUS, APPROVAL_REQUEST,
            APPROVAL_CANCEL, STORIES_PROPOSED);

    /** What the state-broadcaster accepts on {@code wfchat:state:in}. */
    public static final Set<String> STATE_INBOUND = Set.of(COMMAND_INVOKE, AGENT_ACTIVITY, TDD_REPORT, WORKFLOW_SIGNAL);

    /** What the chat service publishes on {@code wfchat:out} and agent channels. */
    /** The chat changes announced on {@code wfchat:out}: each carries its change number in {@code seq}. */
    public static final Set<String> CHANGES = Set.of(MESSAGE_CREATED, MESSAGE_EDITED, MESSAGE_DELETED, MESSAGE_PINNED,
            MESSAGE_UNPINNED, REACTION_ADDED, REACTION_REMOVED);

    public static final Set<String> CHAT_OUTBOUND = Set.of(MESSAGE_CREATED, MESSAGE_EDITED, MESSAGE_DELETED,
            MESSAGE_PINNED, MESSAGE_UNPINNED, REACTION_ADDED, REACTION_REMOVED, APPROVAL_REQUESTED, APPROVAL_DECIDED, TASK_ASSIGNED, AGENT_DIRECT,
            AGENT_PRESENCE, USER_TYPING, SESSION_ENDED, APPROVAL_UPDATED, APPROVAL_ESCALATED, CHANNEL_UPDATED,
            USER_UPDATED);

    /** What the state-broadcaster publishes on {@code wfchat:state}. */
    public static final Set<String> STATE_OUTBOUND = Set.of(WORKFLOW_TRANSITION, TDD_TRANSITION, AGENT_ACTIVITY,
            WORKFLOW_SNAPSHOT);

    private EventTypes() {
    }
}
