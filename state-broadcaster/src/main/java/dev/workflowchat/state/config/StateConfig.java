package dev.workflowchat.state.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The state-broadcaster's settings ({@code wfchat.*}, or {@code WFCHAT_*} in the environment). */
@ConfigMapping(prefix = "wfchat")
public interface StateConfig {

    Redis redis();

    /**
     * Whether this is a local run; when unset, a run is local when Redis is on this machine. Outside
     * one, a Redis that answers without a password is warned about at start and in readiness.
     */
    java.util.Optional<Boolean> localRun();

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
    }
}
