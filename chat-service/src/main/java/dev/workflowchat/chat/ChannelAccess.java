package dev.workflowchat.chat;

import dev.workflowchat.protocol.ChannelNames;

/**
 * Who may read a channel, in one place for live frames, history, search, files and resume: a
 * public channel everyone; a private DM ({@code dm:<agent>:<username>}) only its person; the
 * shared DM channels from before DMs were private ({@code dm:<agent>}) only admins, since every
 * person wrote there believing it was private.
 */
public final class ChannelAccess {

    /**
     * The same rule in SQL over a channel-name column: {@code %1$s} the column, {@code %2$s} the
     * parameter holding the username, {@code %3$s} the one saying whether the reader is an admin.
     * {@code split_part(name, ':', 3)} is the username of a private DM and empty for a shared one.
     */
    private static final String READABLE_SQL = "(%1$s NOT LIKE 'dm:%%' OR split_part(%1$s, ':', 3) = %2$s"
            + " OR (%3$s AND split_part(%1$s, ':', 3) = ''))";

    private ChannelAccess() {
    }

    public static boolean mayRead(ChatUser user, String channel) {
        if (readableByAll(channel)) {
            return true;
        }
        return ChannelNames.personOfDm(channel)
                .map(person -> person.equals(user.username()))
                .orElse(user.isAdmin());
    }

    /** Whether everyone may read the channel, whoever they are (a frame of no channel too). */
    public static boolean readableByAll(String channel) {
        return channel == null || !ChannelNames.isDm(channel);
    }

    /** The SQL condition for "readable by the user" over {@code column}, with the two named parameters. */
    public static String readableSql(String column, String usernameParameter, String isAdminParameter) {
        return READABLE_SQL.formatted(column, usernameParameter, isAdminParameter);
    }
}
