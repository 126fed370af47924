package dev.workflowchat.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Workflow Chat's own settings ({@code wfchat.*}, or {@code WFCHAT_*} in the environment). */
@ConfigMapping(prefix = "wfchat")
public interface ChatConfig {

    Admin admin();

    Session session();

    Redis redis();

    WebSocket websocket();

    /**
     * Origins the WebSocket upgrade accepts, e.g. {@code https://chat.example.com}. When unset,
     * only the service's own origin (the request's Host) is accepted.
     */
    Optional<List<String>> allowedOrigins();

    interface Admin {
        /** Username of the first admin, created at start when no admin exists. */
        @WithDefault("admin")
        String username();

        /** Password of the first admin; when unset a random one is generated and logged once. */
        Optional<String> password();
    }

    interface Session {
        /** How long a login lasts. */
        @WithDefault("7d")
        Duration ttl();

        /** Name of the HttpOnly session cookie set at login. */
        @WithDefault("wfchat_session")
        String cookieName();
    }

    interface Redis {
        /** Prefix of every Redis channel, stream and key; the same in all three services. */
        @WithDefault("wfchat")
        String prefix();
    }

    interface WebSocket {
        /** Frames a connection may send per second, sustained, before it gets rate_limited. */
        @WithDefault("20")
        int framesPerSecond();

        /** Frames a connection may send in a burst above the sustained rate. */
        @WithDefault("40")
        int frameBurst();

        /** Changes sent for one resume before the client is told to ask again. */
        @WithDefault("1000")
        int resumeBatch();
    }
}
