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

    Redis redis();

    WebSocket websocket();

    /** Channels. */
    Channels channels();

    /** What each person may upload. */
    Uploads uploads();

    /** The change log clients resume from. */
    Changes changes();

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

    interface Redis {
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

    /** Agents' presence. */
    Presence presence();

    /** Human-in-the-loop approvals. */
    Approvals approvals();

    /** The Discord bridge, as far as this service is concerned. */
    Bridge bridge();

    interface Bridge {
        /**
         * The account the Discord bridge uploads re-hosted files with (an admin creates it with
         * POST /api/users); a {@code bridge.message} may attach only uploads made by this account.
         */
        @WithDefault("discord-bridge")
        String username();
    }

    interface Approvals {
        /** How often due approvals are expired (and once at start). */
        @WithDefault("5s")
        Duration expiryCheckEvery();

        /** Approvals expired per check, at most; the next check takes the rest. */
        @WithDefault("100")
        int expiryBatch();
    }

    interface Presence {
        /** An agent silent this long is shown offline. */
        @WithDefault("2m")
        Duration offlineAfter();

        /** How often silent agents are looked for. */
        @WithDefault("15s")
        Duration checkEvery();
    }

    interface WebSocket {
        /** Frames a connection may send per second, sustained, before it gets rate_limited. */
        @WithDefault("20")
        int framesPerSecond();

        /** Frames a connection may send in a burst above the sustained rate. */
        @WithDefault("40")
        int frameBurst();

        /** Frames one person may send per second over all their connections, sustained. */
        @WithDefault("40")
        int userFramesPerSecond();

        /** Frames one person may send in a burst above that. */
        @WithDefault("80")
        int userFrameBurst();

        /** Sockets one person may have open on one replica; more are refused (429). */
        @WithDefault("20")
        int maxConnectionsPerUser();

        /**
         * How often an open socket's login session is looked up again, at its next frame and for all
         * open sockets at once: a session that ended (expired, user removed) closes the socket (1008,
         * after {@code unauthorized} for a frame); changed roles apply from the next frame on.
         */
        @WithDefault("30s")
        Duration sessionRecheck();

        /** Changes sent for one resume before the client is told to ask again. */
        @WithDefault("1000")
        int resumeBatch();

        /**
         * Bytes of pushed frames a connection may have waiting to be written. A burst may go over
         * for up to {@link #slowClientGrace()} (never over 16 times this); a client that stays over
         * is not reading and is closed (1008), so it can't hold memory or slow the others.
         */
        @WithDefault("1048576")
        long maxPendingBytes();

        /** How long a connection may stay over {@link #maxPendingBytes()} before it is closed. */
        @WithDefault("5s")
        Duration slowClientGrace();
    }
}
