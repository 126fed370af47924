package dev.workflowchat.chat.repository;

import dev.workflowchat.chat.Channel;
import dev.workflowchat.chat.ChannelAccess;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.protocol.model.ChannelView;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class ChannelRepository implements PanacheRepositoryBase<Channel, String> {

    /** Unread counts in {@code ready} stop at this, as they always have: a badge says "999+". */
    public static final int UNREAD_CAP = 1000;

    /** Unread per channel: live messages, less those read, less the reader's own after the marker. */
    private static final String UNREAD =
            "GREATEST(0, COALESCE(k.live, 0) - COALESCE(r.read_live, 0) - COALESCE(r.own_unread, 0))";

    /**
     * A person's channels with their read position and unread count, from the counters kept on
     * write (V15__unread_counters.sql): one row per channel, however many messages it holds.
     */
    static final String CHANNELS_FOR_USER = """
            SELECT c.name, c.description, c.kind, c.project, c.title,
                   COALESCE(k.last_seq, 0) AS last_seq,
                   COALESCE(r.last_read_seq, 0) AS last_read_seq,
                   LEAST(%d, %s) AS unread
            FROM channels c
            LEFT JOIN channel_counters k ON k.channel = c.name
            LEFT JOIN read_markers r ON r.channel = c.name AND r.username = ?1
            WHERE (%s) AND c.archived_at IS NULL
            ORDER BY c.kind DESC, c.name
            """.formatted(UNREAD_CAP, UNREAD, ChannelAccess.readableSql("c.name", "?1", "?2"));

    static final String UNREAD_FOR_USER = """
            SELECT c.name, %s, COALESCE(k.last_seq, 0), COALESCE(r.mentions_unread, 0) > 0
            FROM channels c
            LEFT JOIN channel_counters k ON k.channel = c.name
            LEFT JOIN read_markers r ON r.channel = c.name AND r.username = ?1
            WHERE (%s) AND c.archived_at IS NULL
            ORDER BY c.name
            """.formatted(UNREAD, ChannelAccess.readableSql("c.name", "?1", "?2"));

    private static final String CREATED_RECENTLY = """
            SELECT count(*) FROM channels WHERE created_by = ?1 AND created_at > now() - interval '1 minute'
            """;
    private static final String CREATE_IF_MISSING = """
            INSERT INTO channels (name, description, kind, created_by) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (name) DO NOTHING
            """;

    /** Every channel a user may read, with the user's read position and unread count. */
    public Uni<List<ChannelView>> viewsFor(ChatUser user) {
        return getSession()
                .chain(session -> session.createNativeQuery(CHANNELS_FOR_USER, Object[].class)
                        .setParameter(1, user.username())
                        .setParameter(2, user.isAdmin())
                        .getResultList())
                .map(rows -> rows.stream().map(ChannelRepository::toView).toList());
    }

    /**
     * What the person has not read in each channel they may read (archived ones aside), by name:
     * one indexed row per channel, for {@code ready} and the {@code unread} frame alike. Counts are
     * exact (not capped at {@link #UNREAD_CAP}).
     */
    public Uni<List<ChannelUnread>> unreadFor(ChatUser user) {
        return getSession()
                .chain(session -> session.createNativeQuery(UNREAD_FOR_USER, Object[].class)
                        .setParameter(1, user.username())
                        .setParameter(2, user.isAdmin())
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new ChannelUnread((String) row[0], ((Number) row[1]).longValue(),
                                ((Number) row[2]).longValue(), (Boolean) row[3]))
                        .toList());
    }

    /** How many channels {@code creator} made in the last minute. */
    public Uni<Long> createdInTheLastMinuteBy(String creator) {
        return getSession()
                .chain(session -> session.createNativeQuery(CREATED_RECENTLY, Long.class)
                        .setParameter(1, creator)
                        .getSingleResult());
    }

    /** Creates the channel unless it exists; true when this call created it. */
    public Uni<Boolean> createIfMissing(String name, String description, String kind, String createdBy) {
        return getSession()
                .chain(session -> session.createNativeQuery(CREATE_IF_MISSING)
                        .setParameter(1, name)
                        .setParameter(2, description)
                        .setParameter(3, kind)
                        .setParameter(4, createdBy)
                        .executeUpdate())
                .map(created -> created > 0);
    }

    /** The archived public channels, by name. */
    public Uni<List<Channel>> archived() {
        return list("archivedAt is not null order by name");
    }

    /** Binds a channel to a project (null: to none, the default project). */
    public Uni<Integer> bind(String channel, String project) {
        return update("project = ?1 where name = ?2", project, channel);
    }

    /** The channels bound to a project, by name (few: a project has a channel or two). */
    public Uni<List<String>> boundTo(String project) {
        return list("project = ?1 order by name", project)
                .map(channels -> channels.stream().map(channel -> channel.name).toList());
    }

    private static ChannelView toView(Object[] row) {
        return new ChannelView((String) row[0], (String) row[1], (String) row[2],
                ((Number) row[5]).longValue(), ((Number) row[6]).longValue(), ((Number) row[7]).longValue(), (String) row[3],
                (String) row[4]);
    }
}
