package dev.workflowchat.protocol.frame;

import java.util.List;
import java.util.Map;

/** A frame a client sends on {@code /ws} (protocol section 7); {@code ref} is echoed in the answer. */
public sealed interface ClientFrame {

    String ref();

    record SendMessage(String ref, String channel, String content, String threadId, String replyTo,
                       List<String> attachmentIds) implements ClientFrame {
    }

    record EditMessage(String ref, String messageId, String content) implements ClientFrame {
    }

    record DeleteMessage(String ref, String messageId) implements ClientFrame {
    }

    record AddReaction(String ref, String messageId, String reaction) implements ClientFrame {
    }

    record RemoveReaction(String ref, String messageId, String reaction) implements ClientFrame {
    }

    record PinMessage(String ref, String messageId) implements ClientFrame {
    }

    record UnpinMessage(String ref, String messageId) implements ClientFrame {
    }

    record Typing(String ref, String channel) implements ClientFrame {
    }

    /** A page of messages older than {@code beforeSeq} (the newest page when null). */
    record RequestHistory(String ref, String channel, Long beforeSeq, int limit) implements ClientFrame {
    }

    /**
     * The changes after {@code afterSeq}; with {@code channel}, that channel's only (a client that
     * focused elsewhere catching up on the channel it switches back to).
     */
    record Resume(String ref, long afterSeq, String channel) implements ClientFrame {

        public Resume(String ref, long afterSeq) {
            this(ref, afterSeq, null);
        }
    }

    /**
     * {@code focus}: the channels the client is looking at (0 to {@link ClientFrameParser#MAX_FOCUS_CHANNELS}).
     * Their changes come in full; the other channels' messages come as counts in {@code unread} frames.
     */
    record Focus(String ref, List<String> channels) implements ClientFrame {
    }

    record MarkRead(String ref, String channel, long seq) implements ClientFrame {
    }

    /** {@code remember}: with approve, {@code {until, command_prefix?}}, a standing rule made with the decision. */
    record RespondToApproval(String ref, String approvalId, String action, String comment,
                             Map<String, Object> modifications, Map<String, Object> remember) implements ClientFrame {

        public RespondToApproval(String ref, String approvalId, String action, String comment,
                                 Map<String, Object> modifications) {
            this(ref, approvalId, action, comment, modifications, null);
        }
    }

    /** {@code approval.respond_many}: one approve or reject for 1–1,000 approvals, each decided on its own. */
    record RespondToApprovals(String ref, List<String> approvalIds, String action, String comment) implements ClientFrame {
    }

    record CompleteCommand(String ref, String text) implements ClientFrame {
    }
}
