package dev.workflowchat.agent;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.RedisNames;
import java.nio.file.Path;
import java.util.Map;

/** Where and as whom an agent connects, and the optional file that keeps its stream position across restarts. */
public record AgentOptions(String redisUri, String prefix, String agent, Path cursorFile) {

    /** What the services default to when {@code QUARKUS_REDIS_HOSTS} is not set. */
    public static final String DEFAULT_REDIS_URI = "redis://localhost:6379";

    public AgentOptions {
        if (redisUri == null || redisUri.isBlank()) {
            throw new IllegalArgumentException("redisUri must not be blank, e.g. " + DEFAULT_REDIS_URI);
        }
        if (!redisUri.startsWith("redis://") && !redisUri.startsWith("rediss://")
                && !redisUri.startsWith("unix://")) {
            throw new IllegalArgumentException("redisUri must start with redis://, rediss:// or unix://, got: " + redisUri);
        }
        // RedisNames refuses a blank prefix with its own message; building it is the check.
        new RedisNames(prefix);
        if (!ChannelNames.isValidAgent(agent)) {
            throw new IllegalArgumentException("agent name must be 1-32 of a-z 0-9 - _ starting with a letter or digit, got: "
                    + agent);
        }
    }

    public static AgentOptions of(String redisUri, String prefix, String agent) {
        return new AgentOptions(redisUri, prefix, agent, null);
    }

    /** From the environment names the services use: {@code QUARKUS_REDIS_HOSTS}, {@code WFCHAT_REDIS_PREFIX}. */
    public static AgentOptions fromEnvironment(String agent) {
        return fromEnvironment(System.getenv(), agent);
    }

    static AgentOptions fromEnvironment(Map<String, String> env, String agent) {
        String hosts = env.getOrDefault("QUARKUS_REDIS_HOSTS", "");
        // The services accept a comma-separated list; an agent needs only one of them.
        String uri = hosts.isBlank() ? DEFAULT_REDIS_URI : hosts.split(",")[0].trim();
        String prefix = env.getOrDefault("WFCHAT_REDIS_PREFIX", "");
        return of(uri, prefix.isBlank() ? RedisNames.DEFAULT_PREFIX : prefix.trim(), agent);
    }

    /** The same options, with the stream position kept in {@code file} (null: in memory only). */
    public AgentOptions withCursorFile(Path file) {
        return new AgentOptions(redisUri, prefix, agent, file);
    }

    RedisNames names() {
        return new RedisNames(prefix);
    }
}
