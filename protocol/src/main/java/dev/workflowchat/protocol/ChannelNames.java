package dev.workflowchat.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names of chat channels, agents, people and workflow projects, and the DM channels that join an
 * agent: {@code dm:<agent>:<username>}, private to that person and that agent, and the older
 * {@code dm:<agent>}, one room every person shared, kept for its history and readable by admins only.
 */
public final class ChannelNames {

    public static final String DM_PREFIX = "dm:";
    /** How an envelope's {@code source} names the agent that sent it: {@code agent:<name>}. */
    public static final String AGENT_SOURCE_PREFIX = "agent:";
    /** The workflow project of a channel bound to none, and of events that name none. */
    public static final String DEFAULT_PROJECT = "default";

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern AGENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");

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

    /** A person's username: 2 to 32 of lower-case letters, digits, '.', '-' and '_'. */
    public static boolean isValidUsername(String name) {
        return name != null && USERNAME.matcher(name).matches();
    }

    /** A public channel, a private DM channel ({@code dm:<agent>:<username>}) or a shared one ({@code dm:<agent>}). */
    public static boolean isValidChannelOrDm(String name) {
        return isValidChannel(name) || agentOfDm(name).isPresent();
    }

    /** The shared DM channel of an agent, {@code dm:<agent>} (admins only since DMs became private). */
    public static String dm(String agent) {
        if (!isValidAgent(agent)) {
            throw ProtocolException.badRequest("invalid agent name: " + agent);
        }
        return DM_PREFIX + agent;
    }

    /** The private DM channel of one person and one agent, {@code dm:<agent>:<username>}. */
    public static String privateDm(String agent, String username) {
        if (!isValidUsername(username)) {
            throw ProtocolException.badRequest("invalid username: " + username);
        }
        return dm(agent) + ":" + username;
    }

    /** Whether the name is a DM channel of either kind (valid or not: anything under {@code dm:}). */
    public static boolean isDm(String channel) {
        return channel != null && channel.startsWith(DM_PREFIX);
    }

    /** The person of a private DM channel {@code dm:<agent>:<username>}, if the name is one. */
    public static Optional<String> personOfDm(String channel) {
        return dmParts(channel).filter(parts -> parts.length == 2).map(parts -> parts[1]);
    }

    /** The agent an envelope's {@code source} names ({@code agent:<name>}, a valid agent name), if it names one. */
    public static Optional<String> agentOfSource(String source) {
        if (source == null || !source.startsWith(AGENT_SOURCE_PREFIX)) {
            return Optional.empty();
        }
        String agent = source.substring(AGENT_SOURCE_PREFIX.length());
        return isValidAgent(agent) ? Optional.of(agent) : Optional.empty();
    }

    /** The agent of a DM channel of either kind, if the name is one. */
    public static Optional<String> agentOfDm(String channel) {
        return dmParts(channel).map(parts -> parts[0]);
    }

    /** {@code [agent]} or {@code [agent, username]} for a valid DM channel name. */
    private static Optional<String[]> dmParts(String channel) {
        if (!isDm(channel)) {
            return Optional.empty();
        }
        String[] parts = channel.substring(DM_PREFIX.length()).split(":", -1);
        boolean valid = isValidAgent(parts[0])
                && (parts.length == 1 || parts.length == 2 && isValidUsername(parts[1]));
        return valid ? Optional.of(parts) : Optional.empty();
    }
}
