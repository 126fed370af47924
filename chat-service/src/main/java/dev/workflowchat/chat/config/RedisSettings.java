package dev.workflowchat.chat.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How the chat-service uses Redis ({@code wfchat.redis.*}). */
public interface RedisSettings {
    /** Prefix of every Redis channel, stream and key; the same in all three services. */
    @WithDefault("wfchat")
    String prefix();

    /** Entries kept (approximately) in {@code wfchat:out:stream}. */
    @WithDefault("100000")
    long outStreamMaxLength();

    /** Entries kept (approximately) in each {@code wfchat:agent:<agent>:stream}. */
    @WithDefault("10000")
    long agentStreamMaxLength();

    /** Entries kept (approximately) in {@code wfchat:deadletter}. */
    @WithDefault("10000")
    long deadletterMaxLength();

    /** Stream entries read at a time; consecutive plain agent messages among them are stored in one transaction. */
    @WithDefault("500")
    int readBatch();

    /**
     * How long a batch of agents' messages read together waits, at most, for the people's sends being
     * stored (or waiting to be) on this replica before it takes the change lock: during an agents'
     * flood, people's messages go first. 0 turns the wait off.
     */
    @WithDefault("50ms")
    Duration peopleFirstWait();

    /** A pending entry idle this long is taken over from its consumer (presumed dead). */
    @WithDefault("60s")
    Duration claimIdle();

    /** How often this replica looks for abandoned pending entries. */
    @WithDefault("30s")
    Duration claimEvery();

    /**
     * Announcements of committed changes kept, in order, while Redis does not take them; past
     * this the oldest are dropped (clients still catch up with resume).
     */
    @WithDefault("100000")
    int announceBacklog();

    /**
     * How often this replica looks for announcements that a replica stopped while Redis was
     * away kept in PostgreSQL, and makes them (also once at start).
     */
    @WithDefault("10s")
    Duration keptCheckEvery();

    /** This replica's consumer name in the {@code chat-service} group; default: host name and a random suffix. */
    Optional<String> consumerName();

    /** How often the agents' own inbound streams ({@code wfchat:in:<agent>:stream}) are looked for. */
    @WithDefault("10s")
    Duration agentStreamsScanEvery();
}
