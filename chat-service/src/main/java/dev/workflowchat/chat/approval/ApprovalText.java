package dev.workflowchat.chat.approval;

/** What an approval message shows: who asks for what, the payload as read ({@link PayloadText}), the outcome so far. */
public record ApprovalText(String id, String title, String requestType, String requestedBy, PayloadText payload,
                           String outcome) {
}
