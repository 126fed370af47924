package dev.workflowchat.bridge.relay;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into Discord-sized parts (2,000 characters): at a line break if there is one, else at
 * a space, else hard. A cut inside a fenced code block closes the fence in this part and opens it
 * again, with its language, in the next, so every part renders as code.
 */
public final class MessageSplitter {

    public static final int DISCORD_LIMIT = 2000;
    private static final String FENCE = "```";

    private MessageSplitter() {
    }

    public static List<String> split(String text) {
        return split(text, DISCORD_LIMIT);
    }

    static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        String rest = text == null ? "" : text;
        String reopen = "";
        while (!rest.isEmpty()) {
            String candidate = reopen + rest;
            if (candidate.length() <= limit) {
                parts.add(candidate);
                break;
            }
            // leave room to close a fence that is open where we cut
            int room = limit - (FENCE.length() + 1);
            int cut = cutPoint(candidate, room, reopen.length());
            String part = candidate.substring(0, cut);
            String openFence = openFence(part);
            if (openFence != null) {
                part = part.endsWith("\n") ? part + FENCE : part + "\n" + FENCE;
                reopen = openFence + "\n";
            } else {
                reopen = "";
            }
            parts.add(part);
            rest = candidate.substring(cut);
            if (rest.startsWith("\n")) {
                rest = rest.substring(1);
            }
        }
        return parts.isEmpty() ? List.of("") : parts;
    }

    private static int cutPoint(String text, int room, int minimum) {
        int newline = text.lastIndexOf('\n', room);
        if (newline > minimum) {
            return newline;
        }
        int space = text.lastIndexOf(' ', room);
        return space > minimum ? space : room;
    }

    /** The opening fence line (with its language) if the text ends inside a code block, else null. */
    private static String openFence(String text) {
        String open = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(FENCE)) {
                open = open == null ? trimmed : null;
            }
        }
        return open;
    }
}
