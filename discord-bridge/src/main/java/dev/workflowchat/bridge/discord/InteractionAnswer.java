package dev.workflowchat.bridge.discord;

/**
 * How the bridge answers an interaction within Discord's 3 seconds. {@link #accepted} acknowledges (a button or
 * modal: a deferred update, type 6; a command: a deferred ephemeral reply, type 5, then {@code text} as the edited
 * original), {@link #askReason} opens the reason modal (type 9), {@link #refused} answers only the person who
 * clicked (type 4, flags 64 ephemeral).
 */
public record InteractionAnswer(Kind kind, String text, String approvalId) {

    public enum Kind { ACCEPTED, ASK_REASON, REFUSED }

    public static InteractionAnswer accepted(String text) {
        return new InteractionAnswer(Kind.ACCEPTED, text, null);
    }

    public static InteractionAnswer askReason(String approvalId) {
        return new InteractionAnswer(Kind.ASK_REASON, null, approvalId);
    }

    public static InteractionAnswer refused(String text) {
        return new InteractionAnswer(Kind.REFUSED, text, null);
    }
}
