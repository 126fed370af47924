package dev.workflowchat.bridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The bridge's own settings, {@code WFCHAT_*} in the environment. */
@ConfigMapping(prefix = "wfchat")
public interface BridgeConfig {

    Redis redis();

    Discord discord();

    Chat chat();

    Bridge bridge();

    /**
     * Whether this is a local run; when unset, a run is local when Redis is on this machine. Outside
     * one, a Redis that answers without a password is warned about at start and in readiness.
     */
    Optional<Boolean> localRun();

    interface Redis {
        /** Prefix of every Redis channel, stream and key; the same in all three services. */
        @WithDefault("wfchat")
        String prefix();
    }

    interface Discord {
        /** Web channel = Discord channel id, comma-separated: {@code general=123,workflow=456}. */
        Optional<String> channels();

        /** Discord users who may run slash commands from Discord, each as a web user: {@code 123=alice,456=bob}. */
        Optional<String> users();

        /**
         * Discord messages posted while the bridge was away that it relays per channel after a restart or reconnect,
         * at most, the oldest first (fetched 100 per request); later ones from that time stay in Discord only. 0: none.
         */
        @WithDefault("100")
        int backfillLimit();

        /**
         * The newest Discord messages relayed per channel whose edits and deletes made while the bridge was away are
         * brought to the web after a restart or reconnect. 0: none.
         */
        @WithDefault("100")
        int reconcileWindow();

        /**
         * Web channels whose messages may ping {@code @everyone}, {@code @here} and roles in Discord, comma-separated;
         * everywhere else such mentions show as text and ping no one.
         */
        Optional<String> massMentionChannels();

        /**
         * How long the bridge remembers which Discord messages copy which web messages (and the way back): edits
         * and deletes of older messages no longer reach the other side.
         */
        @WithDefault("30d")
        Duration linkTtl();

        /** Entries kept in the bridge's way into the chat ({@code wfchat:bridge:in:stream}), at most (MAXLEN ~). */
        @WithDefault("100000")
        long streamMaxLength();

        /** The name of the webhook the bridge posts through in each channel. */
        @WithDefault("Workflow Chat")
        String webhookName();
    }

    interface Chat {
        /** The chat-service as the bridge reaches it (uploads), e.g. {@code http://chat-service:8080}. */
        @WithDefault("http://localhost:8080")
        String url();

        /** The web chat as people open it, for links from Discord back to it. */
        Optional<String> publicUrl();
    }

    interface Bridge {
        /** The chat-service account the bridge re-hosts Discord attachments as. */
        @WithDefault("discord-bridge")
        String username();

        /** Its password; without one, attachments are linked instead of re-hosted. */
        Optional<String> password();

        /**
         * How long a bridge that stops renewing its lease (it died, or hangs) keeps the right to relay; a
         * standby takes over within this and a third of it.
         */
        @WithDefault("6s")
        Duration leaderLease();

        /**
         * How long a web event may stay taken but not relayed before the bridge relaying takes it again:
         * one a bridge paused past its lease had been handed.
         */
        @WithDefault("60s")
        Duration claimIdle();
    }
}
