package dev.workflowchat.bridge.discord;

/**
 * Someone used one of the bridge's interactions: a button under an approval, the reason modal of Reject, or an
 * application command. {@code text} is the command line it stands for ({@code /approve <id>}, {@code /status}),
 * run in the web chat exactly like the same text typed in Discord.
 */
public record Interaction(String id, Kind kind, String channelId, String userId, String userName, String approvalId,
                          String text) {

    public enum Kind {
        /** Approve pressed: decide now. */
        APPROVE_BUTTON,
        /** Reject pressed: the reason is asked first. */
        REJECT_BUTTON,
        /** The reason modal submitted: decide now. */
        REJECT_REASON,
        /** An application command ({@code /approve}, {@code /status}, …). */
        COMMAND
    }
}
