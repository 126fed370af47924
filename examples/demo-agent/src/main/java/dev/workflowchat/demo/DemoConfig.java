package dev.workflowchat.demo;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's settings, from the environment names the services use ({@code QUARKUS_REDIS_HOSTS},
 * {@code WFCHAT_REDIS_PREFIX}) plus a few of its own ({@code WFCHAT_DEMO_*}). Where Redis gives each
 * agent its own ACL user, each agent has its own URL ({@code WFCHAT_DEMO_REDIS_URL_CODE=redis://agent-code:…@redis:6379});
 * an agent without one uses the first of {@code redisUris} that answers.
 */
record DemoConfig(List<String> redisUris, Map<String, String> agentRedisUris, String prefix, String channel,
                  Duration pace, Duration approvalExpiry, int rounds) {

    /** An agent's own Redis URL: this, then the agent's name in upper case ({@code WFCHAT_DEMO_REDIS_URL_QA}). */
    static final String AGENT_REDIS_URL = "WFCHAT_DEMO_REDIS_URL_";

    /** Without QUARKUS_REDIS_HOSTS: a local Redis, else the embedded one the run command starts on 63799. */
    static final List<String> LOCAL_REDIS = List.of("redis://localhost:6379", "redis://localhost:63799");

    DemoConfig {
        agentRedisUris = Map.copyOf(agentRedisUris);
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
        Map<String, String> ownUris = new LinkedHashMap<>();
        for (String agent : Crew.roles().keySet()) {
            String own = env.getOrDefault(AGENT_REDIS_URL + agent.toUpperCase(Locale.ROOT), "");
            if (!own.isBlank()) {
                ownUris.put(agent, own.trim());
            }
        }
        return new DemoConfig(uris, ownUris,
                prefix.isBlank() ? RedisNames.DEFAULT_PREFIX : prefix.trim(),
                env.getOrDefault("WFCHAT_DEMO_CHANNEL", "general"),
                Duration.ofMillis(number(env, "WFCHAT_DEMO_PACE_MS", 4_000)),
                Duration.ofSeconds(number(env, "WFCHAT_DEMO_APPROVAL_EXPIRY_S", 300)),
                (int) number(env, "WFCHAT_DEMO_ROUNDS", 0));
    }

    /** One URL for every agent, and none of their own. */
    DemoConfig(List<String> redisUris, String prefix, String channel, Duration pace, Duration approvalExpiry, int rounds) {
        this(redisUris, Map.of(), prefix, channel, pace, approvalExpiry, rounds);
    }

    /** The agent's own Redis URL, else {@code shared}. */
    String redisUriOf(String agent, String shared) {
        return agentRedisUris.getOrDefault(agent, shared);
    }

    /** Whether some agent has no URL of its own, so the shared one is needed. */
    boolean needsSharedRedis() {
        return !agentRedisUris.keySet().containsAll(Crew.roles().keySet());
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
