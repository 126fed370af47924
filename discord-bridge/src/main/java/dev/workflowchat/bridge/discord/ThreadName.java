package dev.workflowchat.bridge.discord;

/** The name of a Discord thread (or forum post) the bridge starts: its root's first line of text, as Discord takes it. */
public final class ThreadName {

    /** Discord's limit for a channel's (and so a thread's) name. */
    public static final int MAX = 100;
    public static final String FALLBACK = "Thread";

    private ThreadName() {
    }

    /**
     * The first line that says something: not the bridge's own reply quote ({@code > ↪ …}), Markdown quote and
     * heading marks dropped, whitespace collapsed; cut to 100 characters on a code point boundary.
     */
    public static String of(String rootText) {
        if (rootText != null) {
            for (String line : rootText.split("\\R")) {
                String text = line.strip();
                if (text.startsWith("> ↪")) {
                    continue;
                }
                text = text.replaceFirst("^(>\\s*)+", "").replaceFirst("^#+\\s+", "").replaceAll("\\s+", " ").strip();
                if (!text.isEmpty()) {
                    return cut(text);
                }
            }
        }
        return FALLBACK;
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAX) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX - 1)).strip() + "…";
    }
}
