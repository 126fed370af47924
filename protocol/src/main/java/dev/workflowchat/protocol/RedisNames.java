package dev.workflowchat.protocol;

/** The Redis channel, stream and key names of the contract, under one prefix ({@code wfchat} by default). */
public record RedisNames(String prefix) {

    public static final String DEFAULT_PREFIX = "wfchat";

    public RedisNames {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("Redis prefix must not be blank");
        }
    }

    public String in() {
        return prefix + ":in";
    }

    public String inStream() {
        return in() + ":stream";
    }

    /**
     * The Discord bridge's own way in: {@code bridge.*} events are taken only from here, so a
     * Redis ACL that lets only the bridge write this key keeps anyone else from speaking for it.
     */
    public String bridgeInStream() {
        return prefix + ":bridge:in:stream";
    }

    public String out() {
        return prefix + ":out";
    }

    public String outStream() {
        return out() + ":stream";
    }

    public String agent(String agent) {
        return prefix + ":agent:" + agent;
    }

    public String agentStream(String agent) {
        return agent(agent) + ":stream";
    }

    public String stateIn() {
        return prefix + ":state:in";
    }

    public String stateInStream() {
        return stateIn() + ":stream";
    }

    /**
     * Slash commands for the state-broadcaster ({@code command.invoke}), from the chat-service
     * only (pub/sub): it names the person who typed the command, so the documented Redis ACLs let
     * no agent publish here, and the state-broadcaster takes {@code command.invoke} from nowhere else.
     */
    public String stateCommands() {
        return prefix + ":state:commands";
    }

    public String state() {
        return prefix + ":state";
    }

    /**
     * The stream twin of {@link #state()}: every announcement of the state-broadcaster, capped, so
     * a listener whose subscription was lost (a Redis restart) reads back what it missed.
     */
    public String stateStream() {
        return state() + ":stream";
    }

    public String stateSnapshot(String project) {
        return prefix + ":state:snapshot:" + project;
    }

    public String deadletter() {
        return prefix + ":deadletter";
    }
}
