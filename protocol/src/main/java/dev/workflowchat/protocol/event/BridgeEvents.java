package dev.workflowchat.protocol.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The discord-bridge's inbound events (protocol section 6), read for {@link EventParser}. */
final class BridgeEvents {

    private BridgeEvents() {
    }

    static InboundEvent message(String id, String source, EventData data, ObjectMapper mapper) {
        JsonNode author = data.node.get("author");
        if (author == null || !author.isObject()) {
            throw new InvalidEventException(id, "missing field: author (an object)");
        }
        EventData authorData = new EventData(id, author, mapper);
        String channel = data.channel("channel");
        String externalId = data.externalId("external_id");
        String authorId = authorData.externalId("id");
        String authorName = authorData.requiredText("name");
        String avatarUrl = authorData.optionalText("avatar_url");
        // Blank content is fine for a message of files only, but a message of nothing is not a message.
        String content = data.content("content", true);
        String replyTo = data.optionalText("reply_to_external");
        String replyToExternal = replyTo == null || replyTo.isBlank() ? null : data.externalId("reply_to_external");
        String thread = data.optionalText("thread_external");
        String threadExternal = thread == null || thread.isBlank() ? null : data.externalId("thread_external");
        String threadWeb = data.optionalText("thread_id");
        String threadId = threadWeb == null || threadWeb.isBlank() ? null : messageId(id, threadWeb);
        if (threadExternal != null && threadId != null) {
            throw new InvalidEventException(id, "thread_id and thread_external name the same thing: give one");
        }
        List<String> attachmentIds = data.optionalStrings("attachment_ids");
        if (attachmentIds.size() > EventParser.MAX_BRIDGE_ATTACHMENTS) {
            throw new InvalidEventException(id, "attachment_ids must hold at most " + EventParser.MAX_BRIDGE_ATTACHMENTS + " upload ids");
        }
        if (attachmentIds.stream().anyMatch(upload -> upload.isBlank() || upload.length() > EventParser.MAX_EXTERNAL_ID_CHARS)) {
            throw new InvalidEventException(id, "attachment_ids must hold upload ids");
        }
        if (content.isBlank() && attachmentIds.isEmpty()) {
            throw new InvalidEventException(id, "missing field: content (blank only with attachment_ids)");
        }
        return new InboundEvent.BridgeMessage(id, source, channel, externalId, authorId, authorName, avatarUrl, content,
                replyToExternal, attachmentIds, new InboundEvent.BridgeMessage.Thread(threadId, threadExternal));
    }

    /** A web message id is a UUID; anything else can name no message. */
    private static String messageId(String eventId, String value) {
        try {
            return java.util.UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(eventId, "thread_id must be a message id");
        }
    }

    static InboundEvent command(String id, String source, EventData data, ObjectMapper mapper) {
        String channel = data.channel("channel");
        String externalId = data.externalId("external_id");
        String user = data.requiredText("user");
        if (user.length() > EventParser.MAX_EXTERNAL_ID_CHARS) {
            throw new InvalidEventException(id, "user longer than " + EventParser.MAX_EXTERNAL_ID_CHARS + " characters");
        }
        String text = data.requiredText("text").strip();
        if (!text.startsWith("/")) {
            throw new InvalidEventException(id, "text must be a slash command (start with /)");
        }
        if (text.length() > EventParser.MAX_COMMAND_CHARS) {
            throw new InvalidEventException(id, "text longer than " + EventParser.MAX_COMMAND_CHARS + " characters");
        }
        String authorId = null;
        String authorName = null;
        JsonNode author = data.node.get("author");
        if (author != null && !author.isNull()) {
            if (!author.isObject()) {
                throw new InvalidEventException(id, "author must be an object");
            }
            EventData authorData = new EventData(id, author, mapper);
            authorId = authorData.optionalText("id");
            authorName = authorData.optionalText("name");
            if (authorId != null && authorId.length() > EventParser.MAX_EXTERNAL_ID_CHARS) {
                throw new InvalidEventException(id, "author.id longer than " + EventParser.MAX_EXTERNAL_ID_CHARS + " characters");
            }
        }
        return new InboundEvent.BridgeCommand(id, source, channel, externalId, user, text, authorId, authorName);
    }

    static InboundEvent reaction(String id, String source, EventData data, ObjectMapper mapper) {
        String messageId = data.optionalText("message_id");
        String externalId = data.optionalText("external_id");
        if ((messageId == null) == (externalId == null)) {
            throw new InvalidEventException(id, "give one of message_id (a web message) and external_id (a Discord message)");
        }
        if (messageId != null) {
            try {
                java.util.UUID.fromString(messageId);
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException(id, "message_id must be a message id (a UUID)");
            }
        } else {
            externalId = data.externalId("external_id");
        }
        String reaction = data.requiredText("reaction");
        if (reaction.isBlank() || reaction.length() > dev.workflowchat.protocol.Limits.MAX_REACTION_CHARS) {
            throw new InvalidEventException(id, "reaction must be 1-" + dev.workflowchat.protocol.Limits.MAX_REACTION_CHARS
                    + " characters");
        }
        boolean added = data.requiredBoolean("added");
        JsonNode user = data.node.get("user");
        if (user == null || !user.isObject()) {
            throw new InvalidEventException(id, "missing field: user (an object)");
        }
        EventData userData = new EventData(id, user, mapper);
        return new InboundEvent.BridgeReaction(id, source, messageId, externalId, reaction, added,
                userData.externalId("id"), userData.optionalText("name"));
    }
}
