package dev.workflowchat.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/** Names of chat channels and of agents, and the DM channel that joins them. */
public final class ChannelNames {

    public static final String DM_PREFIX = "dm:";

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern AGENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private ChannelNames() {
    }

    /** A public channel name: lower case letters, digits, '-' and '_', up to 64. */
    public static boolean isValidChannel(String name) {
        return name != null && CHANNEL.matcher(name).matches();
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

    /** The agent of a {@code dm:<agent>} channel, if the name is one. */
    public static Optional<String> agentOfDm(String channel) {
        if (channel == null || !channel.startsWith(DM_PREFIX)) {
            return Optional.empty();
        }
        String agent = channel.substring(DM_PREFIX.length());
        return isValidAgent(agent) ? Optional.of(agent) : Optional.empty();
    }
}
