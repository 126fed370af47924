package dev.workflowchat.bridge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which web channel is which Discord channel, both ways; anything unmapped is ignored both ways. */
public final class ChannelMap {

    /** A Discord channel carries one web channel's messages: both sides unique. */
    private static final KeyValueList FORMAT = new KeyValueList("WFCHAT_DISCORD_CHANNELS", "web-channel=discord-channel-id",
            web -> !web.isEmpty(), discord -> KeyValueList.DISCORD_ID.matcher(discord).matches(), true);

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
        return new ChannelMap(FORMAT.parse(spec));
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
