package dev.workflowchat.bridge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which web channel is which Discord channel, both ways; anything unmapped is ignored both ways. */
public final class ChannelMap {

    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");

    private final Map<String, String> toDiscord;
    private final Map<String, String> toWeb;

    private ChannelMap(Map<String, String> toDiscord) {
        this.toDiscord = Collections.unmodifiableMap(toDiscord);
        Map<String, String> reverse = new LinkedHashMap<>();
        toDiscord.forEach((web, discord) -> reverse.put(discord, web));
        this.toWeb = Collections.unmodifiableMap(reverse);
    }

    /** Parses {@code general=123,workflow=456}; a malformed entry is a configuration error, said plainly. */
    public static ChannelMap parse(String spec) {
        Map<String, String> map = new LinkedHashMap<>();
        if (spec != null) {
            for (String entry : spec.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] parts = entry.split("=", 2);
                if (parts.length != 2 || parts[0].isBlank() || !SNOWFLAKE.matcher(parts[1].strip()).matches()) {
                    throw new IllegalArgumentException("WFCHAT_DISCORD_CHANNELS entry '" + entry.strip()
                            + "' is not web-channel=discord-channel-id");
                }
                String web = parts[0].strip();
                String discord = parts[1].strip();
                if (map.containsKey(web) || map.containsValue(discord)) {
                    throw new IllegalArgumentException("WFCHAT_DISCORD_CHANNELS maps '" + web + "' or " + discord + " twice");
                }
                map.put(web, discord);
            }
        }
        return new ChannelMap(map);
    }

    public Optional<String> discordChannelOf(String webChannel) {
        return Optional.ofNullable(toDiscord.get(webChannel));
    }

    public Optional<String> webChannelOf(String discordChannelId) {
        return Optional.ofNullable(toWeb.get(discordChannelId));
    }

    public Map<String, String> webToDiscord() {
        return toDiscord;
    }

    public boolean isEmpty() {
        return toDiscord.isEmpty();
    }
}
