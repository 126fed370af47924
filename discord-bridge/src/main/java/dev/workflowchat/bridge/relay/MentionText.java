package dev.workflowchat.bridge.relay;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mentions between the two sides' markup: Discord's {@code <@id>}, {@code <#id>}, {@code <@&id>} and
 * {@code <:emoji:id>} become what a web reader can read ({@code @Nick}, {@code #general}, {@code @Role},
 * {@code :emoji:}); a web {@code @username} of a mapped person becomes {@code <@id>}. Code (fenced blocks
 * and inline spans) is left exactly as written, as Discord and the web show it. One pass over the text with
 * patterns that cannot backtrack: a message of thousands of mentions costs its length, no more.
 */
public final class MentionText {

    private static final Pattern DISCORD_TOKEN =
            Pattern.compile("<(@!?|@&|#)(\\d{1,20})>|<a?:([A-Za-z0-9_~]{1,32}):\\d{1,20}>");
    /** As the chat-service recognises a mention (MessageStore): not after a word character, an @ or a {@code <}. */
    private static final Pattern WEB_MENTION = Pattern.compile("(?<![\\w@<])@([A-Za-z0-9][A-Za-z0-9_-]{0,31})");
    static final String UNKNOWN_USER = "@unknown-user";
    static final String UNKNOWN_ROLE = "@unknown-role";
    static final String UNKNOWN_CHANNEL = "#unknown-channel";

    private MentionText() {
    }

    /** What a Discord message's mentions are called; null when nobody knows. */
    public interface Names {
        String user(String id);

        String channel(String id);

        String role(String id);
    }

    /** Discord's markup of mentions and custom emoji as readable text. */
    public static String toWeb(String content, Names names) {
        return outsideCode(content, text -> replace(text, DISCORD_TOKEN, match -> {
            if (match.group(3) != null) {
                return ":" + match.group(3) + ":";
            }
            String id = match.group(2);
            return switch (match.group(1)) {
                case "#" -> named("#", names.channel(id), UNKNOWN_CHANNEL);
                case "@&" -> named("@", names.role(id), UNKNOWN_ROLE);
                default -> named("@", names.user(id), UNKNOWN_USER);
            };
        }));
    }

    /** A web {@code @username} of a person mapped to a Discord account as that account's mention; others stay text. */
    public static String toDiscord(String content, Function<String, Optional<String>> discordIdOf) {
        return outsideCode(content, text -> replace(text, WEB_MENTION, match -> {
            String name = match.group(1);
            if (name.equalsIgnoreCase("everyone") || name.equalsIgnoreCase("here")) {
                return match.group();
            }
            return discordIdOf.apply(name).map(id -> "<@" + id + ">").orElse(match.group());
        }));
    }

    private static String named(String sigil, String name, String unknown) {
        return name == null || name.isBlank() ? unknown : sigil + name;
    }

    private static String replace(String text, Pattern pattern, Function<Matcher, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Applies {@code change} to the text between code: {@code ```fenced```} blocks and {@code `inline`} spans.
     * An opening fence or backtick without its closer is text, as Discord renders it. Each closer is searched
     * once: when none follows, none follows any later opener either, so the scan stays linear.
     */
    static String outsideCode(String content, UnaryOperator<String> change) {
        if (content == null || content.isEmpty()) {
            return content == null ? "" : content;
        }
        StringBuilder out = new StringBuilder(content.length());
        int textStart = 0;
        int i = 0;
        boolean fencesClosed = true;
        boolean ticksClosed = true;
        while (i < content.length()) {
            if (content.charAt(i) != '`') {
                i++;
                continue;
            }
            int end = -1;
            if (fencesClosed && content.startsWith("```", i)) {
                int close = content.indexOf("```", i + 3);
                fencesClosed = close >= 0;
                end = close < 0 ? -1 : close + 3;
            }
            if (end < 0 && ticksClosed) {
                int close = content.indexOf('`', i + 1);
                ticksClosed = close >= 0;
                end = close < 0 ? -1 : close + 1;
            }
            if (end < 0) {
                i++;
                continue;
            }
            out.append(change.apply(content.substring(textStart, i))).append(content, i, end);
            i = end;
            textStart = end;
        }
        return out.append(change.apply(content.substring(textStart))).toString();
    }
}
