package dev.workflowchat.bridge.discord;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom a post or an edit may ping, sent as Discord's {@code allowed_mentions} on every request: Discord
 * parses every mention in a webhook's text unless told otherwise, so without it anyone who can write in
 * the web chat (or onto the bus) could ping {@code @everyone}. {@code users}: the Discord users that may
 * be pinged (never more than Discord's 100); {@code everyoneAndRoles}: {@code @everyone}, {@code @here}
 * and role mentions work too, only where an operator opted the channel in.
 */
public record Mentions(List<String> users, boolean everyoneAndRoles) {

    /** Discord refuses an allowed_mentions.users list longer than this. */
    static final int MAX_USERS = 100;
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d{1,20})>");

    public Mentions {
        users = List.copyOf(users.size() > MAX_USERS ? users.subList(0, MAX_USERS) : users);
    }

    /** Pings nobody, whatever the text holds. */
    public static Mentions none() {
        return new Mentions(List.of(), false);
    }

    /** Pings exactly these users. */
    public static Mentions only(List<String> userIds) {
        return new Mentions(userIds, false);
    }

    /**
     * The user mentions ({@code <@id>}) in {@code content} whose id {@code allowed} accepts, each once, in
     * order; {@code @everyone}, {@code @here} and roles too when {@code everyoneAndRoles}.
     */
    public static Mentions in(String content, java.util.function.Predicate<String> allowed, boolean everyoneAndRoles) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Matcher matcher = USER_MENTION.matcher(content == null ? "" : content);
        while (matcher.find()) {
            if (allowed.test(matcher.group(1))) {
                ids.add(matcher.group(1));
            }
        }
        return new Mentions(List.copyOf(ids), everyoneAndRoles);
    }
}
