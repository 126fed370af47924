package dev.workflowchat.bridge.relay;

import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * What the bridge remembers, in Redis (kept across restarts): each web message's Discord message
 * and back, unique on both sides, each approval's escalation notice, and per Discord channel the
 * newest message relayed (the watermark a restart backfills from).
 */
@ApplicationScoped
public class LinkStore {

    // Snowflakes exceed Lua's exact integers: compare them as decimal strings, length first.
    private static final String ADVANCE = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if (not current) or (#ARGV[2] > #current) or (#ARGV[2] == #current and ARGV[2] > current) then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
              return 1
            end
            return 0""";

    /** Message ids are UUIDs: nothing else starts so. */
    private static final String ESCALATION = "escalation:";

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final String webToDiscord;
    private final String discordToWeb;
    private final String watermarks;

    public LinkStore(ReactiveRedisDataSource redis, RedisNames names) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.webToDiscord = names.prefix() + ":bridge:web-to-discord";
        this.discordToWeb = names.prefix() + ":bridge:discord-to-web";
        this.watermarks = names.prefix() + ":bridge:watermarks";
    }

    /** A web message and its Discord copy; the Discord id is {@code channel/message}. */
    public record Link(String webId, String discordChannelId, String discordMessageId) {
    }

    /** Records the pair; false if either side was already linked (a replay), which changes nothing. */
    public Uni<Boolean> link(String webId, String discordChannelId, String discordMessageId) {
        return Reconnect.bounded(hashes.hsetnx(webToDiscord, webId, discordChannelId + "/" + discordMessageId), "HSETNX link")
                .chain(first -> first
                        ? Reconnect.bounded(hashes.hsetnx(discordToWeb, discordMessageId, webId), "HSETNX link")
                        : Uni.createFrom().item(false));
    }

    public Uni<Optional<Link>> discordCopyOf(String webId) {
        return Reconnect.bounded(hashes.hget(webToDiscord, webId), "HGET link").map(value -> {
            if (value == null) {
                return Optional.empty();
            }
            int slash = value.indexOf('/');
            return Optional.of(new Link(webId, value.substring(0, slash), value.substring(slash + 1)));
        });
    }

    /**
     * The Discord notice of an approval's escalation, if the bridge posted one. An approval is escalated
     * once, so its id keys the notice: kept beside the message links, under a key no message id can take.
     */
    public Uni<Optional<Link>> escalationNoticeOf(String approvalId) {
        return discordCopyOf(ESCALATION + approvalId);
    }

    /** Records the notice of an approval's escalation; false if one was recorded already. */
    public Uni<Boolean> linkEscalationNotice(String approvalId, String discordChannelId, String discordMessageId) {
        return link(ESCALATION + approvalId, discordChannelId, discordMessageId);
    }

    /** The web message a Discord message is the copy of, if the bridge posted it. */
    public Uni<Optional<String>> webOriginalOf(String discordMessageId) {
        return Reconnect.bounded(hashes.hget(discordToWeb, discordMessageId), "HGET link").map(Optional::ofNullable);
    }

    public Uni<Optional<String>> watermark(String discordChannelId) {
        return Reconnect.bounded(hashes.hget(watermarks, discordChannelId), "HGET watermark").map(Optional::ofNullable);
    }

    /** Moves the channel's watermark forward to this message, never back. */
    public Uni<Void> advanceWatermark(String discordChannelId, String messageId) {
        return Reconnect.bounded(redis.execute("EVAL", ADVANCE, "1", watermarks, discordChannelId, messageId), "EVAL watermark")
                .replaceWithVoid();
    }
}
