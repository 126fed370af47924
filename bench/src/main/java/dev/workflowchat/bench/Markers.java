package dev.workflowchat.bench;

/**
 * The bench's message content, e.g. {@code fo 12 81230044}: a tag and numbers (a message number,
 * the {@link System#nanoTime()} it was sent at). Receivers find it in the frame text without
 * parsing the JSON, so reading 100,000 frames a second costs the load generator little.
 */
final class Markers {

    private Markers() {
    }

    static String of(String tag, long... numbers) {
        StringBuilder content = new StringBuilder(tag);
        for (long number : numbers) {
            content.append(' ').append(number);
        }
        return content.toString();
    }

    /** The {@code count} numbers after {@code tag} in the frame's {@code content}, or null when it has none. */
    static long[] read(String frame, String tag, int count) {
        String start = "\"content\":\"" + tag + " ";
        int at = frame.indexOf(start);
        if (at < 0) {
            return null;
        }
        long[] numbers = new long[count];
        int position = at + start.length();
        for (int i = 0; i < count; i++) {
            long value = 0;
            boolean digits = false;
            while (position < frame.length() && Character.isDigit(frame.charAt(position))) {
                value = value * 10 + (frame.charAt(position++) - '0');
                digits = true;
            }
            if (!digits) {
                return null;
            }
            numbers[i] = value;
            position++; // the space (or the closing quote)
        }
        return numbers;
    }

    /** The number right after the first {@code key} (such as {@code "seq":}) in the frame, or 0 when none. */
    static long number(String frame, String key) {
        int at = frame.indexOf(key);
        if (at < 0) {
            return 0;
        }
        long value = 0;
        for (int position = at + key.length(); position < frame.length() && Character.isDigit(frame.charAt(position));
             position++) {
            value = value * 10 + (frame.charAt(position) - '0');
        }
        return value;
    }

    /** The channel named in a {@code message.created} frame, or null. */
    static String channel(String frame) {
        String start = "\"channel\":\"";
        int at = frame.indexOf(start);
        if (at < 0) {
            return null;
        }
        int end = frame.indexOf('"', at + start.length());
        return end < 0 ? null : frame.substring(at + start.length(), end);
    }

    /** The {@code ref} of an {@code ack} or {@code error} frame, or null for other frames. */
    static String ackRef(String frame) {
        if (!frame.contains("\"type\":\"ack\"") && !frame.contains("\"type\":\"error\"")) {
            return null;
        }
        String start = "\"ref\":\"";
        int at = frame.indexOf(start);
        if (at < 0) {
            return null;
        }
        int end = frame.indexOf('"', at + start.length());
        return end < 0 ? null : frame.substring(at + start.length(), end);
    }
}
