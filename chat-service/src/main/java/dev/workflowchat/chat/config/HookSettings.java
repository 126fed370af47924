package dev.workflowchat.chat.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Incoming webhooks and GitHub hooks ({@code wfchat.hooks.*}). */
public interface HookSettings {
    /**
     * Requests one hook may make in a window before it gets 429 with Retry-After (counted in
     * Redis, shared by every replica).
     */
    @WithDefault("60")
    int requestsPerWindow();

    /** The window those requests are counted in, from the first. */
    @WithDefault("1m")
    Duration window();

    /** How long a GitHub delivery id is remembered, so a redelivery within it changes nothing. */
    @WithDefault("7d")
    Duration deliveriesKeptFor();

    /** How often delivery ids older than that are removed. */
    @WithDefault("1h")
    Duration pruneEvery();
}
