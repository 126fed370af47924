package dev.workflowchat.chat.repository;

import dev.workflowchat.chat.ChannelAccess;

/** The ready frame's count over messages before V15, kept as the reference the counters must equal. */
final class OldUnreadCount {

    private static final String CHANNELS_FOR_USER = """
            SELECT c.name,
                   COALESCE((SELECT max(m.seq) FROM messages m WHERE m.channel = c.name), 0) AS last_seq,
                   (SELECT count(*) FROM (
                        SELECT 1 FROM messages m
                        WHERE m.channel = c.name
                          AND m.seq > COALESCE(r.last_read_seq, 0)
                          AND m.deleted_at IS NULL
                          AND NOT (m.author_type = 'user' AND m.author_id = '%1$s')
                        LIMIT %2$d) unread) AS unread
            FROM channels c
            LEFT JOIN read_markers r ON r.channel = c.name AND r.username = '%1$s'
            WHERE (%3$s) AND c.archived_at IS NULL
            ORDER BY c.kind DESC, c.name
            """;

    private OldUnreadCount() {
    }

    /** For a member (not an admin); the username is a test's own, safe to inline. */
    static String forUser(String username) {
        return CHANNELS_FOR_USER.formatted(username, ChannelRepository.UNREAD_CAP,
                ChannelAccess.readableSql("c.name", "'" + username + "'", "false"));
    }
}
