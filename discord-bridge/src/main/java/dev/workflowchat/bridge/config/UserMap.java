package dev.workflowchat.bridge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Discord users who may run slash commands from Discord, each as a web user: {@code WFCHAT_DISCORD_USERS},
 * e.g. {@code 123456789=alice,987654321=bob}. Anyone else gets a link to the web chat instead.
 */
public final class UserMap {

    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}");

    private final Map<String, String> webUserOf;

    private UserMap(Map<String, String> webUserOf) {
        this.webUserOf = Collections.unmodifiableMap(webUserOf);
    }

    public static UserMap parse(String spec) {
        Map<String, String> map = new LinkedHashMap<>();
        if (spec != null) {
            for (String entry : spec.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] parts = entry.split("=", 2);
                if (parts.length != 2 || !SNOWFLAKE.matcher(parts[0].strip()).matches()
                        || !USERNAME.matcher(parts[1].strip()).matches()) {
                    throw new IllegalArgumentException("WFCHAT_DISCORD_USERS entry '" + entry.strip()
                            + "' is not discord-user-id=web-username");
                }
                if (map.putIfAbsent(parts[0].strip(), parts[1].strip()) != null) {
                    throw new IllegalArgumentException("WFCHAT_DISCORD_USERS maps Discord user " + parts[0].strip() + " twice");
                }
            }
        }
        return new UserMap(map);
    }

    public Optional<String> webUserOf(String discordUserId) {
        return Optional.ofNullable(webUserOf.get(discordUserId));
    }
}
