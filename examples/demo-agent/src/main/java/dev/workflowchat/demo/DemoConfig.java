package dev.workflowchat.demo;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo's settings, from the environment names the services use ({@code QUARKUS_REDIS_HOSTS},
 * {@code WFCHAT_REDIS_PREFIX}) plus a few of its own ({@code WFCHAT_DEMO_*}).
 */
record DemoConfig(List<String> redisUris, String prefix, String channel, Duration pace, Duration approvalExpiry,
                  int rounds) {

    /** Without QUARKUS_REDIS_HOSTS: a local Redis, else the embedded one the run command starts on 63799. */
    static final List<String> LOCAL_REDIS = List.of("redis://localhost:6379", "redis://localhost:63799");

    DemoConfig {
        if (!ChannelNames.isValidChannel(channel)) {
            throw new IllegalArgumentException("WFCHAT_DEMO_CHANNEL is not a channel name: " + channel);
        }
        if (approvalExpiry.toSeconds() < 10) {
            throw new IllegalArgumentException("WFCHAT_DEMO_APPROVAL_EXPIRY_S must be at least 10");
        }
    }

    static DemoConfig fromEnvironment(Map<String, String> env) {
        String hosts = env.getOrDefault("QUARKUS_REDIS_HOSTS", "");
        List<String> uris = hosts.isBlank() ? LOCAL_REDIS : List.of(hosts.split(",")[0].trim());
        String prefix = env.getOrDefault("WFCHAT_REDIS_PREFIX", "");
        return new DemoConfig(uris,
                prefix.isBlank() ? RedisNames.DEFAULT_PREFIX : prefix.trim(),
                env.getOrDefault("WFCHAT_DEMO_CHANNEL", "general"),
                Duration.ofMillis(number(env, "WFCHAT_DEMO_PACE_MS", 4_000)),
                Duration.ofSeconds(number(env, "WFCHAT_DEMO_APPROVAL_EXPIRY_S", 300)),
                (int) number(env, "WFCHAT_DEMO_ROUNDS", 0));
    }

    /** Zero rounds: play until stopped. */
    boolean forever() {
        return rounds <= 0;
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got: " + value, e);
        }
    }
}
