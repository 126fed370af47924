package dev.workflowchat.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/** Names of chat channels, agents and workflow projects, and the DM channel that joins an agent. */
public final class ChannelNames {

    public static final String DM_PREFIX = "dm:";
    /** How an envelope's {@code source} names the agent that sent it: {@code agent:<name>}. */
    public static final String AGENT_SOURCE_PREFIX = "agent:";

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern AGENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private ChannelNames() {
    }

    /** A public channel name: lower case letters, digits, '-' and '_', up to 64. */
    public static boolean isValidChannel(String name) {
        return name != null && CHANNEL.matcher(name).matches();
    }

    /**
     * A workflow project's name: written like a channel's. A project is a state machine kept in
     * memory and in Redis keys named after it, so its name is held to a short, plain form.
     */
    public static boolean isValidProject(String name) {
        return isValidChannel(name);
    }

    public static boolean isValidAgent(String name) {
        return name != null && AGENT.matcher(name).matches();
    }

    /** Either a public channel or the DM channel of a valid agent name. */
    public static boolean isValidChannelOrDm(String name) {
        return isValidChannel(name) || agentOfDm(name).isPresent();
    }

    public static String dm(String agent) {
        if (!isValidAgent(agent)) {
            throw ProtocolException.badRequest("invalid agent name: " + agent);
        }
        return DM_PREFIX + agent;
    }

    /** The agent an envelope's {@code source} names ({@code agent:<name>}, a valid agent name), if it names one. */
    public static Optional<String> agentOfSource(String source) {
        if (source == null || !source.startsWith(AGENT_SOURCE_PREFIX)) {
            return Optional.empty();
        }
        String agent = source.substring(AGENT_SOURCE_PREFIX.length());
        return isValidAgent(agent) ? Optional.of(agent) : Optional.empty();
    }

    /** The agent of a {@code dm:<agent>} channel, if the name is one. */
    public static Optional<String> agentOfDm(String channel) {
        if (channel == null || !channel.startsWith(DM_PREFIX)) {
            return Optional.empty();
        }
        String agent = channel.substring(DM_PREFIX.length());
        return isValidAgent(agent) ? Optional.of(agent) : Optional.empty();
    }
}
