package dev.workflowchat.chat.mcp;

import java.util.Map;

/** A small diff of an edit a coding agent asks to make, so the approval card shows the change itself. */
final class EditDiffs {

    private static final int MAX_CHARS = 100_000;

    private EditDiffs() {
    }

    /** A unified-style diff of an Edit's old and new text, or a Write's new content; null for other tools. */
    static String of(String tool, Map<String, Object> input) {
        String file = input.get("file_path") instanceof String path ? path : "file";
        String diff = null;
        if (input.get("old_string") instanceof String before && input.get("new_string") instanceof String after) {
            diff = "--- " + file + "\n+++ " + file + "\n" + lines("-", before) + lines("+", after);
        } else if ("Write".equals(tool) && input.get("content") instanceof String content) {
            diff = "--- /dev/null\n+++ " + file + "\n" + lines("+", content);
        }
        return diff == null || diff.length() <= MAX_CHARS ? diff : diff.substring(0, MAX_CHARS);
    }

    private static String lines(String mark, String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(mark).append(line).append('\n');
        }
        return out.toString();
    }
}
