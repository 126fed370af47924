package dev.workflowchat.chat.mapping;

import dev.workflowchat.protocol.model.AttachmentView;
import java.util.List;
import java.util.Map;

/** What a message's view shows besides its own row: reactions, files, and how many live replies its thread has. */
public record MessageExtras(Map<String, List<String>> reactions, List<AttachmentView> attachments, long replyCount) {

    public static final MessageExtras NONE = new MessageExtras(Map.of(), List.of(), 0);
}
