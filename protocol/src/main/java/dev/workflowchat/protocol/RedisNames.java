package dev.workflowchat.protocol;

import java.util.Optional;

/**
 * The Redis channel, stream and key names of the contract, under one prefix ({@code wfchat} by default).
 *
 * <p>Every name starts with the prefix. A prefix that is a Redis Cluster hash tag ({@code {wfchat}}, see
 * {@link #CLUSTER_PREFIX}) puts every key in one hash slot, so the multi-key commands the services send
 * (MULTI/EXEC, scripts of several keys, an XREADGROUP over several streams) stay on one node: Redis
 * Cluster hashes only what is between the first braces. The names are the same with braces or without.
 */
public record RedisNames(String prefix) {

    public static final String DEFAULT_PREFIX = "wfchat";

    /** The prefix to use on a Redis Cluster: the default's names, all in the slot of the hash tag {@code wfchat}. */
    public static final String CLUSTER_PREFIX = "{wfchat}";

    public RedisNames {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("Redis prefix must not be blank");
        }
    }

    /**
     * What Redis Cluster hashes every name of this prefix by, if the prefix holds one (the text between the
     * first {@code {} and the next {@code }}, when not empty): then all the names share one slot.
     */
    public Optional<String> hashTag() {
        int open = prefix.indexOf('{');
        int close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
        return close > open + 1 ? Optional.of(prefix.substring(open + 1, close)) : Optional.empty();
    }

    /**
     * A glob (PSUBSCRIBE, SCAN MATCH) matching {@code name} literally: Redis globs give {@code * ? [ ] \}
     * a meaning and take braces literally, so only the former are escaped.
     */
    public static String literalGlob(String name) {
        StringBuilder glob = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                glob.append('\\');
            }
            glob.append(c);
        }
        return glob.toString();
    }

    public String in() {
        return prefix + ":in";
    }

    public String inStream() {
        return in() + ":stream";
    }

    /**
     * An agent's own way in ({@code wfchat:in:<agent>}, pub/sub): a Redis ACL lets only that agent
     * write it, so what comes here is that agent's and no other's. The shared {@link #in()} stays
     * for installs without per-agent ACLs.
     */
    public String in(String agent) {
        return in() + ":" + agent;
    }

    /** The stream twin of {@link #in(String)}: the agent's durable way in, read by the chat-service's group. */
    public String inStream(String agent) {
        return in(agent) + ":stream";
    }

    /** The pattern of every agent's own pub/sub way in (PSUBSCRIBE). */
    public String agentsInPattern() {
        return literalGlob(in()) + ":*";
    }

    /** The pattern of every agent's own inbound stream (SCAN). */
    public String agentsInStreamPattern() {
        return literalGlob(in()) + ":*:stream";
    }

    /** The agent whose own way in this channel or stream is, if it is one (a valid agent name). */
    public Optional<String> agentOfIn(String channelOrStream) {
        return agentOf(channelOrStream, in() + ":");
    }

    /**
     * The lease of a role only one process may hold at a time ({@code state}, {@code bridge}):
     * {@code "<holder> <token>"}, expiring unless renewed. The hash tag keeps it and its
     * {@link #leaderFence fence} on one Redis Cluster node; under a prefix that is a hash tag itself
     * ({@code {wfchat}:leader:{state}}) the prefix's tag, the first, decides, and it joins the others' slot.
     */
    public String leaderLease(String role) {
        return prefix + ":leader:{" + role + "}";
    }

    /** The role's fencing counter: each new holder of the lease takes the next number. */
    public String leaderFence(String role) {
        return leaderLease(role) + ":fence";
    }

    /**
     * The Discord bridge's own way in: {@code bridge.*} events are taken only from here, so a
     * Redis ACL that lets only the bridge write this key keeps anyone else from speaking for it.
     */
    public String bridgeInStream() {
        return prefix + ":bridge:in:stream";
    }

    /**
     * The Discord bridge's health ({@code wfchat:bridge:health}, a string key of JSON with a TTL): written by
     * the bridge alone and refreshed while it runs, so a key that expired means no bridge reports; read when
     * {@code /status} is answered. The shipped ACLs give agents no key under {@code wfchat:bridge:*}.
     */
    public String bridgeHealth() {
        return prefix + ":bridge:health";
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

    /** An agent's own way to the state-broadcaster ({@code wfchat:state:in:<agent>}), as {@link #in(String)}. */
    public String stateIn(String agent) {
        return stateIn() + ":" + agent;
    }

    public String stateInStream(String agent) {
        return stateIn(agent) + ":stream";
    }

    public String agentsStateInPattern() {
        return literalGlob(stateIn()) + ":*";
    }

    public String agentsStateInStreamPattern() {
        return literalGlob(stateIn()) + ":*:stream";
    }

    /** The agent whose own way to the state-broadcaster this channel or stream is, if it is one. */
    public Optional<String> agentOfStateIn(String channelOrStream) {
        return agentOf(channelOrStream, stateIn() + ":");
    }

    /** {@code <start><agent>} or {@code <start><agent>:stream}, for a valid agent name. */
    private static Optional<String> agentOf(String name, String start) {
        if (name == null || !name.startsWith(start)) {
            return Optional.empty();
        }
        String rest = name.substring(start.length());
        String agent = rest.endsWith(":stream") ? rest.substring(0, rest.length() - ":stream".length()) : rest;
        return ChannelNames.isValidAgent(agent) ? Optional.of(agent) : Optional.empty();
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
