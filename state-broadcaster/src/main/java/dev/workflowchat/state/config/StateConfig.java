package dev.workflowchat.state.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The state-broadcaster's settings ({@code wfchat.*}, or {@code WFCHAT_*} in the environment). */
@ConfigMapping(prefix = "wfchat")
public interface StateConfig {

    Redis redis();

    /**
     * Whether this is a local run; when unset, a run is local when Redis is on this machine. Outside
     * one, a Redis that answers without a password is warned about at start and in readiness.
     */
    java.util.Optional<Boolean> localRun();

    /**
     * How long a state-broadcaster that stops renewing its lease (dead, paused, cut off from Redis)
     * keeps the lead; its standby takes over within about this time.
     */
    @WithDefault("6s")
    Duration leaderLease();

    /** The project a command or event without one belongs to. */
    @WithDefault("default")
    String defaultProject();

    interface Redis {
        /** Prefix of every Redis channel, stream and key; the same in all three services. */
        @WithDefault("wfchat")
        String prefix();

        /** Transitions kept (approximately) per project's transition stream. */
        @WithDefault("1000")
        long transitionsMaxLength();

        /**
         * How often the agents' own streams to the state-broadcaster ({@code wfchat:state:in:<agent>:stream})
         * are looked for; a new one is read from then on.
         */
        @WithDefault("10s")
        Duration agentStreamsScanEvery();

        /**
         * How often the entries of the streams read in the group {@code state-broadcaster} that it has
         * acknowledged are removed, so no way in grows forever.
         */
        @WithDefault("30s")
        Duration trimEvery();

        /**
         * How long an entry may stay pending, unacknowledged, before the leader reads it again: one
         * that a leader paused past its lease had taken when it stopped.
         */
        @WithDefault("60s")
        Duration claimIdle();
    }
}
