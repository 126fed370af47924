package dev.workflowchat.bridge.discord;

/**
 * The row under an approval request in Discord: Approve, Reject (asks for the reason in a modal) and a link to
 * the approval in the web chat. The custom ids carry the approval id, so a click names what it decides.
 */
public record ApprovalButtons(String approvalId, String link) {

    static final String APPROVE = "wfchat:approve:";
    static final String REJECT = "wfchat:reject:";
    static final String REASON = "wfchat:reason:";
    /** Discord's limit on a custom id. */
    static final int MAX_CUSTOM_ID = 100;

    public ApprovalButtons {
        if (approvalId == null || approvalId.isBlank() || REASON.length() + approvalId.length() > MAX_CUSTOM_ID) {
            throw new IllegalArgumentException("an approval id of 1 to " + (MAX_CUSTOM_ID - REASON.length()) + " characters");
        }
    }

    /** Whether the buttons fit: an id too long for a custom id gets the link only. */
    public static boolean fit(String approvalId) {
        return approvalId != null && !approvalId.isBlank() && REASON.length() + approvalId.length() <= MAX_CUSTOM_ID;
    }
}
