package dev.workflowchat.bridge.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Discord's side: {@code DISCORD_TOKEN}, {@code DISCORD_GUILD_ID}, and for tests and proxies the two URLs. */
@ConfigMapping(prefix = "discord")
public interface DiscordConfig {

    /** The bot token; without one the bridge stays idle (and healthy). */
    Optional<String> token();

    /** The guild whose channels are mapped; messages from other guilds are ignored. */
    Optional<String> guildId();

    /** Discord's REST base, e.g. {@code https://discord.com/api/v10/}; JDA's own default when absent. */
    Optional<String> apiBaseUrl();

    /** The gateway's WebSocket URL; Discord's (asked at login) when absent. */
    Optional<String> gatewayUrl();
}
