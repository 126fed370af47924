package dev.workflowchat.chat.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of the browsers' sockets ({@code wfchat.websocket.*}). */
public interface WebSocketSettings {
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
