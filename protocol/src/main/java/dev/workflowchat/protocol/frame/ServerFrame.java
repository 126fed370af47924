package dev.workflowchat.protocol.frame;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.model.AgentPresence;
import dev.workflowchat.protocol.model.ApprovalView;
import dev.workflowchat.protocol.model.ChannelView;
import dev.workflowchat.protocol.model.MessageView;
import dev.workflowchat.protocol.model.UserView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A frame the server sends on {@code /ws} (protocol section 7); the shapes are the contract. */
public sealed interface ServerFrame {

    String type();

    /** A change to the chat; {@code seq} is the change's number, the client's catch-up cursor. */
    sealed interface Change extends ServerFrame {
        long seq();

        String channel();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * The first frame: {@code snapshot} is the default project's workflow, {@code snapshots} that
     * of each project a channel the user sees is bound to (by project; absent when none is).
     */
    record Ready(String type, UserView user, List<ChannelView> channels, long lastSeq,
                 List<ApprovalView> approvals, Object snapshot, Object presence, Map<String, Object> snapshots)
            implements ServerFrame {
        public Ready(UserView user, List<ChannelView> channels, long lastSeq, List<ApprovalView> approvals,
                     Object snapshot, Object presence) {
            this("ready", user, channels, lastSeq, approvals, snapshot, presence, null);
        }

        public Ready withSnapshots(Object snapshot, Map<String, Object> snapshots) {
            return new Ready(type, user, channels, lastSeq, approvals, snapshot, presence, snapshots);
        }
    }

    /**
     * The answer to a client frame that worked. {@code message} or {@code approval} is the stored
     * object when one was made or changed; {@code last_seq} and {@code has_more} answer {@code resume}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ack(String type, String ref, MessageView message, ApprovalView approval, Long lastSeq,
               Boolean hasMore, List<ApprovalResult> results) implements ServerFrame {
        public static Ack of(String ref) {
            return new Ack("ack", ref, null, null, null, null, null);
        }

        public static Ack withMessage(String ref, MessageView message) {
            return new Ack("ack", ref, message, null, null, null, null);
        }

        public static Ack ofResume(String ref, long lastSeq, boolean hasMore) {
            return new Ack("ack", ref, null, null, lastSeq, hasMore, null);
        }

        public static Ack withApproval(String ref, ApprovalView approval) {
            return new Ack("ack", ref, null, approval, null, null, null);
        }

        /** The answer to {@code approval.respond_many}: one result per id asked. */
        public static Ack withResults(String ref, List<ApprovalResult> results) {
            return new Ack("ack", ref, null, null, null, null, List.copyOf(results));
        }
    }

    /**
     * What became of one id of a bulk decision: {@code decided}, {@code voted} (a quorum waits for
     * more), {@code conflict}, {@code not_found} or {@code forbidden}; the approval when it was found.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApprovalResult(String approvalId, String result, String message, ApprovalView approval) {
    }

    record Error(String type, String ref, ErrorCode code, String message) implements ServerFrame {
        public Error(String ref, ErrorCode code, String message) {
            this("error", ref, code, message);
        }
    }

    /** {@code message.created}, {@code message.edited}, {@code message.pinned} or {@code message.unpinned}. */
    record MessageChanged(String type, long seq, MessageView message) implements Change {
        public static MessageChanged created(long seq, MessageView message) {
            return new MessageChanged("message.created", seq, message);
        }

        public static MessageChanged edited(long seq, MessageView message) {
            return new MessageChanged("message.edited", seq, message);
        }

        public static MessageChanged pinned(long seq, MessageView message) {
            return new MessageChanged("message.pinned", seq, message);
        }

        public static MessageChanged unpinned(long seq, MessageView message) {
            return new MessageChanged("message.unpinned", seq, message);
        }

        @Override
        public String channel() {
            return message.channel();
        }

        /**
         * This frame's JSON around a message already in JSON form (as an event carries it): the
         * same text as the record's, without writing the message out from its fields again.
         */
        public static String json(String type, long seq, JsonNode message) {
            ObjectNode frame = ProtocolJson.mapper().createObjectNode();
            frame.put("type", type);
            frame.put("seq", seq);
            frame.set("message", message);
            return frame.toString();
        }
    }

    record MessageDeleted(String type, long seq, String messageId, String channel, Instant deletedAt)
            implements Change {
        public MessageDeleted(long seq, String messageId, String channel, Instant deletedAt) {
            this("message.deleted", seq, messageId, channel, deletedAt);
        }
    }

    record ReactionUpdated(String type, long seq, String messageId, String channel,
                           Map<String, List<String>> reactions) implements Change {
        public ReactionUpdated(long seq, String messageId, String channel, Map<String, List<String>> reactions) {
            this("reaction.updated", seq, messageId, channel, reactions);
        }
    }

    /**
     * {@code reaction.added} or {@code reaction.removed}: what one reaction change was, for clients
     * that asked for reaction deltas at the upgrade, instead of the message's whole reaction map.
     */
    record ReactionChanged(String type, long seq, String messageId, String channel, String reaction, String userId)
            implements ServerFrame {
        public static ReactionChanged of(boolean added, long seq, String messageId, String channel, String reaction,
                                         String userId) {
            return new ReactionChanged(added ? "reaction.added" : "reaction.removed", seq, messageId, channel,
                    reaction, userId);
        }
    }

    record History(String type, String ref, String channel, List<MessageView> messages, boolean hasMore)
            implements ServerFrame {
        public History(String ref, String channel, List<MessageView> messages, boolean hasMore) {
            this("history", ref, channel, messages, hasMore);
        }
    }

    /** The answer to a slash command, for the person who ran it only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CommandResult(String type, String ref, boolean ok, String message, String hint, Object state,
                         List<String> allowedCommands) implements ServerFrame {
        public CommandResult(String ref, boolean ok, String message, String hint, Object state,
                             List<String> allowedCommands) {
            this("command.result", ref, ok, message, hint, state, allowedCommands);
        }
    }

    /** Autocomplete suggestions for a partial slash command. */
    record Completions(String type, String ref, List<?> items) implements ServerFrame {
        public Completions(String ref, List<?> items) {
            this("completions", ref, items);
        }
    }

    /** Agents whose presence changed. */
    record Presence(String type, List<AgentPresence> agents) implements ServerFrame {
        public Presence(List<AgentPresence> agents) {
            this("presence", agents);
        }
    }

    /** {@code approval.requested}, {@code approval.decided} or {@code approval.updated}: the approval as it is now. */
    record ApprovalChanged(String type, ApprovalView approval) implements ServerFrame {
        public static ApprovalChanged requested(ApprovalView approval) {
            return new ApprovalChanged("approval.requested", approval);
        }

        public static ApprovalChanged decided(ApprovalView approval) {
            return new ApprovalChanged("approval.decided", approval);
        }

        /** {@code approval.updated}: a vote toward its quorum; still pending. */
        public static ApprovalChanged updated(ApprovalView approval) {
            return new ApprovalChanged("approval.updated", approval);
        }
    }

    /** The workflow's snapshot after a change (as the state-broadcaster announced it). */
    record WorkflowState(String type, Object snapshot) implements ServerFrame {
        public WorkflowState(Object snapshot) {
            this("workflow.state", snapshot);
        }
    }

    /**
     * {@code unread}: what happened in channels a client that sent {@code focus} is not looking at,
     * since the previous {@code unread} frame: per channel, the messages it was not sent
     * ({@code count}, top-level ones by others), the newest change's seq, and whether one of them
     * mentions the person (that message itself was sent at once).
     */
    record Unread(String type, Map<String, ChannelUnread> channels) implements ServerFrame {
        public Unread(Map<String, ChannelUnread> channels) {
            this("unread", channels);
        }
    }

    record ChannelUnread(int count, long latestSeq, boolean mentioned) {
    }

    record TypingUsers(String type, String channel, List<String> users) implements ServerFrame {
        public TypingUsers(String channel, List<String> users) {
            this("typing", channel, users);
        }
    }

    /**
     * {@code channel.updated}: an admin created ({@code change} {@code created}), changed
     * ({@code updated}: title or description), archived or unarchived a public channel. The
     * channel carries no one's unread counts; an archived one leaves every list.
     */
    record ChannelUpdated(String type, String change, ChannelView channel) implements ServerFrame {
        public ChannelUpdated(String change, ChannelView channel) {
            this("channel.updated", change, channel);
        }
    }

    /** {@code user.updated}: a person's display name or roles changed. */
    record UserUpdated(String type, UserView user) implements ServerFrame {
        public UserUpdated(UserView user) {
            this("user.updated", user);
        }
    }
}
