package dev.workflowchat.chat;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names a message's text {@code @mentions}, read one way wherever a mention matters: the agents
 * a message is for, whom a Web Push notifies, which person gets a message at once though they
 * look at another channel. {@code @} inside a word (an e-mail address) or doubled is not one.
 */
public final class Mentions {

    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([a-z0-9][a-z0-9_-]{0,31})");

    private Mentions() {
    }

    /** The names mentioned, each once, in the order they first appear (none for null). */
    public static List<String> in(String content) {
        if (content == null || content.indexOf('@') < 0) {
            return List.of();
        }
        return MENTION.matcher(content).results().map(match -> match.group(1)).distinct().toList();
    }
}
