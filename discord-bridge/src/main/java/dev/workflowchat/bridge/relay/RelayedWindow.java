package dev.workflowchat.bridge.relay;

import dev.workflowchat.bridge.config.BridgeConfig;
import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest Discord messages the bridge relayed to the web, per channel, each with the {@code edited_timestamp}
 * it was last relayed at: after an outage, an edit made meanwhile is told by a different timestamp and a delete
 * by a message gone from the window. {@code WFCHAT_DISCORD_RECONCILE_WINDOW} messages per channel at most (the
 * oldest leave first); the keys expire with the links ({@code WFCHAT_DISCORD_LINK_TTL}).
 */
@ApplicationScoped
public class RelayedWindow {

    /**
     * KEYS: the ordered ids (a sorted set, ids zero-padded so their text order is their age) and their edited
     * marks (a hash). Adds or updates one, drops the oldest beyond the window, renews the expiry.
     */
    private static final String TRACK = """
            redis.call('ZADD', KEYS[1], 0, ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            local extra = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
            if extra > 0 then
              local old = redis.call('ZRANGE', KEYS[1], 0, extra - 1)
              redis.call('ZREMRANGEBYRANK', KEYS[1], 0, extra - 1)
              redis.call('HDEL', KEYS[2], unpack(old))
            end
            redis.call('EXPIRE', KEYS[1], ARGV[4])
            redis.call('EXPIRE', KEYS[2], ARGV[4])
            return 1""";
    private static final String FORGET = """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1""";
    /** Snowflakes have at most 20 digits. */
    private static final int ID_DIGITS = 20;

    private final ReactiveRedisDataSource redis;
    private final String prefix;
    private final int size;
    private final long ttlSeconds;

    public RelayedWindow(ReactiveRedisDataSource redis, RedisNames names, BridgeConfig config) {
        this.redis = redis;
        this.prefix = names.prefix() + ":bridge:relayed:";
        this.size = config.discord().reconcileWindow();
        this.ttlSeconds = Math.max(1, config.discord().linkTtl().toSeconds());
    }

    /** Remembers that a message was relayed as last edited at {@code editedAt} (null: never edited). */
    public Uni<Void> relayed(String channelId, String messageId, String editedAt) {
        if (size <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Reconnect.bounded(redis.execute("EVAL", TRACK, "2", ids(channelId), marks(channelId), padded(messageId),
                mark(editedAt), Integer.toString(size), Long.toString(ttlSeconds)), "EVAL relayed").replaceWithVoid();
    }

    public Uni<Void> forget(String channelId, String messageId) {
        return Reconnect.bounded(redis.execute("EVAL", FORGET, "2", ids(channelId), marks(channelId), padded(messageId)),
                "EVAL forget").replaceWithVoid();
    }

    /** The channel's window, oldest first: message id → the edited mark it was relayed at ("" for never edited). */
    public Uni<Map<String, String>> of(String channelId) {
        return Reconnect.bounded(redis.sortedSet(String.class).zrange(ids(channelId), 0, -1), "ZRANGE relayed")
                .chain(ids -> Reconnect.bounded(redis.hash(String.class, String.class, String.class).hgetall(marks(channelId)),
                                "HGETALL relayed")
                        .map(marks -> {
                            Map<String, String> window = new LinkedHashMap<>();
                            ids.forEach(padded -> window.put(unpadded(padded), marks.getOrDefault(padded, "")));
                            return window;
                        }));
    }

    /** The mark an edit time is kept as. */
    static String mark(String editedAt) {
        return editedAt == null ? "" : editedAt;
    }

    private String ids(String channelId) {
        return prefix + channelId;
    }

    private String marks(String channelId) {
        return prefix + channelId + ":edited";
    }

    private static String padded(String id) {
        return "0".repeat(Math.max(0, ID_DIGITS - id.length())) + id;
    }

    private static String unpadded(String padded) {
        String id = padded.replaceFirst("^0+", "");
        return id.isEmpty() ? "0" : id;
    }
}
