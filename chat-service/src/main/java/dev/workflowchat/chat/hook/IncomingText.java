package dev.workflowchat.chat.hook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.Limits;

/**
 * What an incoming webhook says: {@code text} (Markdown, held to a message's limits) and the
 * optional {@code username} it is shown under, "via" the hook. Other Slack fields
 * ({@code channel}, {@code icon_url}, {@code attachments}) are ignored: the hook's channel is the
 * one an admin bound it to.
 */
record IncomingText(String text, String username) {

    static final int MAX_USERNAME_CHARS = 80;

    static IncomingText of(JsonNode root) {
        JsonNode text = root.get("text");
        if (text != null && !text.isNull() && !text.isTextual()) {
            throw HookRefusal.malformed("text must be a string");
        }
        if (text == null || text.isNull() || text.textValue().isBlank()) {
            throw HookRefusal.empty();
        }
        if (text.textValue().length() > Limits.MAX_CONTENT_CHARS) {
            throw HookRefusal.oversized("text longer than " + Limits.MAX_CONTENT_CHARS + " characters");
        }
        return new IncomingText(text.textValue(), username(root.get("username")));
    }

    /** One line of at most {@value #MAX_USERNAME_CHARS} characters; none when absent or blank. */
    private static String username(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw HookRefusal.malformed("username must be a string");
        }
        String oneLine = node.textValue().replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").strip();
        if (oneLine.length() > MAX_USERNAME_CHARS) {
            throw HookRefusal.malformed("username may be at most " + MAX_USERNAME_CHARS + " characters");
        }
        return oneLine.isEmpty() ? null : oneLine;
    }
}
