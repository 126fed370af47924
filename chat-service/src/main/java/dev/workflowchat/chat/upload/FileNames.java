package dev.workflowchat.chat.upload;

import java.nio.charset.StandardCharsets;

/** Upload names made harmless to show and to save, and the header that offers them for saving. */
public final class FileNames {

    static final int MAX_CHARS = 200;
    private static final int MAX_EXTENSION_CHARS = 16;
    private static final String FALLBACK = "file";
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private FileNames() {
    }

    /**
     * The last path segment (either separator), without control or bidi-format characters (which
     * can disguise {@code exe.png} as {@code gnp.exe}) and leading dots (hidden files), at most
     * 200 characters with the extension kept.
     */
    public static String sanitise(String name) {
        String raw = name == null ? "" : name;
        String base = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        base.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(clean::appendCodePoint);
        String trimmed = clean.toString().strip().replaceFirst("^\\.+", "").strip();
        return trimmed.isEmpty() ? FALLBACK : shortened(trimmed);
    }

    /** {@code attachment} or {@code inline}, with the name in RFC 5987 form so any script survives. */
    public static String contentDisposition(String fileName, boolean inline) {
        return (inline ? "inline" : "attachment") + "; filename*=UTF-8''" + encoded(fileName);
    }

    private static String shortened(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_CHARS) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION_CHARS ? name.substring(dot) : "";
        String stem = extension.isEmpty() ? name : name.substring(0, dot);
        int keep = MAX_CHARS - extension.length();
        return stem.substring(0, stem.offsetByCodePoints(0, keep)) + extension;
    }

    private static String encoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHARS.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
