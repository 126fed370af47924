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

    /** Throttling of failed logins. */
    Login login();

    RedisSettings redis();

    WebSocketSettings websocket();

    /** Channels. */
    Channels channels();

    /** What each person may upload. */
    Uploads uploads();

    /** The change log clients resume from. */
    Changes changes();

    /** Agent keys and the MCP server at /mcp. */
    McpSettings mcp();

    /** Incoming webhooks and GitHub hooks. */
    HookSettings hooks();

    /**
     * Whether this is a local run (a developer's machine, ./run.sh, the tests): then empty or weak
     * passwords and a Redis without authentication are accepted. When unset, a run is local when
     * its database and Redis are on this machine (a loopback address).
     */
    Optional<Boolean> localRun();

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

        /**
         * At start, set the password of the admin named {@link #username()} to {@link #password()}
         * and end their sessions: for a forgotten admin password. Remove it again afterwards.
         */
        @WithDefault("false")
        boolean resetPassword();
    }

    interface Session {
        /** How long a login lasts. */
        @WithDefault("7d")
        Duration ttl();

        /** Name of the HttpOnly session cookie set at login. */
        @WithDefault("wfchat_session")
        String cookieName();
    }

    interface Login {
        /** Failed logins for one username from one address before that pair is refused with 429. */
        @WithDefault("5")
        int maxFailures();

        /**
         * Failed logins from one address, whatever the usernames, before that address is refused
         * with 429: the limit a password sprayer (many users, a few passwords each) meets. High
         * enough for an office behind one address; behind a proxy, set its address as trusted
         * ({@code QUARKUS_HTTP_PROXY_TRUSTED_PROXIES}), or every person shares the proxy's count.
         */
        @WithDefault("100")
        int maxFailuresPerAddress();

        /**
         * Failed logins for one username from any addresses after which each further try must wait,
         * 1 s after the next failure and doubling up to {@link #maxDelay()}: a guesser who changes
         * address is slowed, and the right password still works after the wait (no lockout).
         */
        @WithDefault("10")
        int maxFailuresPerUser();

        /** The longest wait between tries of a username that failed too often. */
        @WithDefault("60s")
        Duration maxDelay();

        /** The window failures are counted in, from the first; the counts are forgotten when it ends. */
        @WithDefault("15m")
        Duration failureWindow();
    }

    interface Channels {
        /** Channels one person (or agent) may make a minute: public ones (admins) and DM channels. */
        @WithDefault("10")
        int createdPerMinute();
    }

    interface Uploads {
        /** Files one person may upload a minute. */
        @WithDefault("20")
        int perMinute();

        /** Bytes of one person's uploads not yet attached to a message, at most. */
        @WithDefault("52428800")
        long unattachedMaxBytes();

        /** Bytes one person may upload in a day. */
        @WithDefault("524288000")
        long dailyMaxBytes();

        /** An upload never attached to a message is removed after this long. */
        @WithDefault("1d")
        Duration unattachedKeptFor();
    }

    interface Changes {
        /**
         * How long the change log keeps a change for resume; a client resuming from before gets
         * {@code gone} and reloads. History and search are not affected.
         */
        @WithDefault("30d")
        Duration retention();

        /** How often changes past the retention are removed. */
        @WithDefault("1h")
        Duration pruneEvery();
    }

    /** Agents' presence. */
    Presence presence();

    /** Human-in-the-loop approvals. */
    Approvals approvals();

    /** The Discord bridge, as far as this service is concerned. */
    Bridge bridge();

    /** Web Push to people's devices (off unless both VAPID keys are set). */
    Push push();

    interface Push {
        /**
         * The VAPID public key, the application server key browsers subscribe with: the P-256
         * point uncompressed (65 bytes), base64url, as {@code npx web-push generate-vapid-keys} prints it.
         */
        Optional<String> vapidPublicKey();

        /** The VAPID private key (the 32-byte P-256 scalar, base64url). A secret. */
        Optional<String> vapidPrivateKey();

        /** Who push services may contact about this server: {@code mailto:} an address, or an https URL. */
        @WithDefault("mailto:admin@localhost")
        String vapidSubject();

        /** Devices (subscriptions) one person may have at once. */
        @WithDefault("10")
        int maxSubscriptionsPerUser();

        /**
         * Endpoint prefixes accepted besides https ones, e.g. {@code http://127.0.0.1:} for a
         * test's own push service. Leave unset in production.
         */
        Optional<List<String>> allowedTestEndpoints();

        /** How long a push service keeps a notification for a device that is offline. */
        @WithDefault("1h")
        Duration ttl();

        /** How long one delivery to a push service may take. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Deliveries under way at once; more wait in a queue of {@link #queue()}. */
        @WithDefault("4")
        int concurrency();

        /** Deliveries waiting, at most; past it new ones are dropped with a warning. */
        @WithDefault("1000")
        int queue();
    }

    interface Bridge {
        /**
         * The account the Discord bridge uploads re-hosted files with (an admin creates it with
         * POST /api/users); a {@code bridge.message} may attach only uploads made by this account.
         */
        @WithDefault("discord-bridge")
        String username();
    }

    interface Approvals {
        /**
         * The longest the expiry job sleeps: it wakes when the next approval falls due and when one
         * is requested or changed, so this only bounds how late one is handled whose announcement
         * was missed (Redis away).
         */
        @WithDefault("60s")
        Duration expiryCheckEvery();

        /** Approvals expired per check, at most; the next check takes the rest. */
        @WithDefault("100")
        int expiryBatch();

        /** Flow mode: requests of the same agent, type and channel within this of a group's first are gathered into its card. */
        @WithDefault("60s")
        Duration flowWindow();
    }

    interface Presence {
        /** An agent silent this long is shown offline. */
        @WithDefault("2m")
        Duration offlineAfter();

        /** How often silent agents are looked for. */
        @WithDefault("15s")
        Duration checkEvery();
    }
}
