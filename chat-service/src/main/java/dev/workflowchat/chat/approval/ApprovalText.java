package dev.workflowchat.chat.approval;

import java.util.List;

/**
 * What an approval message shows, taken out of the free-form payload once, so the templates
 * stay plain. {@code fence} is longer than any backtick run in the diff, so a diff can't break
 * out of its code block.
 */
public record ApprovalText(
        String id,
        String title,
        String requestType,
        String requestedBy,
        String description,
        List<String> files,
        String diff,
        String from,
        String to,
        String reason,
        List<String> tasks,
        List<Group> groups,
        String payloadJson,
        String fence,
        String outcome) {

    /** A named group of items of a batch. */
    public record Group(String name, List<String> items) {
    }
}
