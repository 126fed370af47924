package dev.workflowchat.bridge.relay;

import dev.workflowchat.bridge.config.ChannelMap;
import dev.workflowchat.bridge.discord.DiscordClient;
import dev.workflowchat.bridge.discord.DiscordThread;
import java.util.Optional;

/**
 * Where something in Discord is bridged to: a mapped channel's web channel, and for a thread or forum post the web
 * channel of the channel it belongs to (a thread of an unmapped channel is bridged nowhere).
 */
final class DiscordPlaces {

    private final DiscordClient discord;
    private final ChannelMap channels;

    DiscordPlaces(DiscordClient discord, ChannelMap channels) {
        this.discord = discord;
        this.channels = channels;
    }

    /** The web channel of a Discord channel or thread; empty when neither it nor its parent is mapped. */
    Optional<String> webChannelOf(String discordChannelId) {
        Optional<String> mapped = channels.webChannelOf(discordChannelId);
        return mapped.isPresent() ? mapped : thread(discordChannelId).flatMap(t -> channels.webChannelOf(t.parentId()));
    }

    /** The thread with this id, if it is one of a mapped channel. */
    Optional<DiscordThread> thread(String discordChannelId) {
        return discord.thread(discordChannelId).filter(t -> channels.webChannelOf(t.parentId()).isPresent());
    }
}
