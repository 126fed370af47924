package dev.workflowchat.bridge.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Discord users who may run slash commands from Discord, each as a web user: {@code WFCHAT_DISCORD_USERS},
 * e.g. {@code 123456789=alice,987654321=bob}. Anyone else gets a link to the web chat instead. The same
 * map tells whom to mention in Discord when an approval is escalated to a web user.
 */
public final class UserMap {

    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}");
    private static final KeyValueList FORMAT = new KeyValueList("WFCHAT_DISCORD_USERS", "discord-user-id=web-username",
            discord -> KeyValueList.DISCORD_ID.matcher(discord).matches(), web -> USERNAME.matcher(web).matches(), false);

    private final Map<String, String> webUserOf;

    private UserMap(Map<String, String> webUserOf) {
        this.webUserOf = Collections.unmodifiableMap(webUserOf);
    }

    /** Parses {@code 123=alice,456=bob}; two Discord accounts may act as one web user. */
    public static UserMap parse(String spec) {
        return new UserMap(FORMAT.parse(spec));
    }

    public Optional<String> webUserOf(String discordUserId) {
        return Optional.ofNullable(webUserOf.get(discordUserId));
    }

    /** Whether this Discord account is one of the mapped people (who may be pinged by what the bridge posts). */
    public boolean isMapped(String discordUserId) {
        return webUserOf.containsKey(discordUserId);
    }

    /** The Discord accounts that act as {@code webUser}, in the order configured; empty when none does. */
    public List<String> discordUsersOf(String webUser) {
        return webUserOf.entrySet().stream()
                .filter(entry -> entry.getValue().equalsIgnoreCase(webUser))
                .map(Map.Entry::getKey)
                .toList();
    }
}
