package dev.workflowchat.bridge.relay;

import dev.workflowchat.bridge.config.BridgeConfig;
import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the bridge remembers, in Redis (kept across restarts): each web message's Discord copy, part by
 * part (a message over 2,000 characters is several Discord messages), and each part back to the web
 * message; each approval's escalation notice; per Discord channel the newest message relayed (the
 * watermark a restart backfills from). Links expire {@code WFCHAT_DISCORD_LINK_TTL} after they were
 * last written: an edit or delete of an older message no longer reaches Discord, and the keys do not
 * grow without end. Links written before parts were kept (the hashes {@code bridge:web-to-discord} and
 * {@code bridge:discord-to-web}) are still read, as the first part.
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
    private static final String CHANNEL = "channel";
    private static final String HASH = "h";

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final String prefix;
    private final String legacyWebToDiscord;
    private final String legacyDiscordToWeb;
    private final String watermarks;
    private final Duration ttl;

    public LinkStore(ReactiveRedisDataSource redis, RedisNames names, BridgeConfig config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.values = redis.value(String.class, String.class);
        this.keys = redis.key(String.class);
        this.prefix = names.prefix() + ":bridge:";
        this.legacyWebToDiscord = prefix + "web-to-discord";
        this.legacyDiscordToWeb = prefix + "discord-to-web";
        this.watermarks = prefix + "watermarks";
        this.ttl = config.discord().linkTtl();
    }

    /** A web message's first Discord part: {@code discordMessageId} in {@code discordChannelId}. */
    public record Link(String webId, String discordChannelId, String discordMessageId) {
    }

    /**
     * A web message's Discord copy: the id of each part posted so far (in order, none missing) and a hash
     * of each part's text, so an edit rewrites only the parts that changed.
     */
    public record Copy(String webId, String discordChannelId, List<String> partIds, List<String> partHashes) {

        public Optional<Link> first() {
            return partIds.isEmpty() ? Optional.empty() : Optional.of(new Link(webId, discordChannelId, partIds.get(0)));
        }
    }

    /** The copy of a web message; empty parts when nothing was posted yet. */
    public Uni<Copy> copyOf(String webId) {
        return Reconnect.bounded(hashes.hgetall(copyKey(webId)), "HGETALL link").chain(fields -> {
            if (!fields.isEmpty()) {
                return Uni.createFrom().item(copy(webId, fields));
            }
            return Reconnect.bounded(hashes.hget(legacyWebToDiscord, webId), "HGET link").map(value -> {
                if (value == null) {
                    return new Copy(webId, null, List.of(), List.of());
                }
                int slash = value.indexOf('/');
                return new Copy(webId, value.substring(0, slash), List.of(value.substring(slash + 1)), List.of(""));
            });
        });
    }

    private static Copy copy(String webId, Map<String, String> fields) {
        List<String> ids = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; fields.containsKey(Integer.toString(i)); i++) {
            ids.add(fields.get(Integer.toString(i)));
            hashes.add(fields.getOrDefault(HASH + i, ""));
        }
        return new Copy(webId, fields.get(CHANNEL), List.copyOf(ids), List.copyOf(hashes));
    }

    /** Records part {@code index} of a web message's copy (and the way back); the expiry starts again. */
    public Uni<Void> linkPart(String webId, String discordChannelId, int index, String discordMessageId, String textHash) {
        String key = copyKey(webId);
        return Reconnect.bounded(hashes.hset(key, Map.of(CHANNEL, discordChannelId, Integer.toString(index), discordMessageId,
                        HASH + index, textHash)), "HSET link")
                .chain(() -> Reconnect.bounded(keys.expire(key, ttl), "EXPIRE link"))
                .chain(() -> Reconnect.bounded(values.set(originalKey(discordMessageId), webId, new SetArgs().ex(ttl)),
                        "SET link"))
                .replaceWithVoid();
    }

    /** An edited part's new text hash. */
    public Uni<Void> rehash(String webId, int index, String textHash) {
        return Reconnect.bounded(hashes.hset(copyKey(webId), HASH + index, textHash), "HSET link").replaceWithVoid();
    }

    /** Forgets the parts from {@code index} on (an edit made the message shorter). */
    public Uni<Void> unlinkPartsFrom(String webId, int index, int count) {
        List<String> fields = new ArrayList<>();
        for (int i = index; i < count; i++) {
            fields.add(Integer.toString(i));
            fields.add(HASH + i);
        }
        return fields.isEmpty() ? Uni.createFrom().voidItem()
                : Reconnect.bounded(hashes.hdel(copyKey(webId), fields.toArray(String[]::new)), "HDEL link").replaceWithVoid();
    }

    /** The first Discord part of a web message, if one was posted. */
    public Uni<Optional<Link>> discordCopyOf(String webId) {
        return copyOf(webId).map(Copy::first);
    }

    /**
     * The Discord notice of an approval's escalation, if the bridge posted one. An approval is escalated
     * once, so its id keys the notice: kept beside the message links, under a key no message id can take.
     */
    public Uni<Optional<Link>> escalationNoticeOf(String approvalId) {
        return discordCopyOf(ESCALATION + approvalId);
    }

    /** Records the notice of an approval's escalation. */
    public Uni<Void> linkEscalationNotice(String approvalId, String discordChannelId, String discordMessageId) {
        return linkPart(ESCALATION + approvalId, discordChannelId, 0, discordMessageId, "");
    }

    /** The web message a Discord message is (part of) the copy of, if the bridge posted it. */
    public Uni<Optional<String>> webOriginalOf(String discordMessageId) {
        return Reconnect.bounded(values.get(originalKey(discordMessageId)), "GET link").chain(webId -> webId != null
                ? Uni.createFrom().item(Optional.of(webId))
                : Reconnect.bounded(hashes.hget(legacyDiscordToWeb, discordMessageId), "HGET link").map(Optional::ofNullable));
    }

    /**
     * Records where a message that came from Discord lives there (from its {@code message.created}), so a web
     * reaction on it finds it; apart from the copies' links, so its delete in Discord still reaches the chat.
     */
    public Uni<Void> linkFromDiscord(String webId, String discordChannelId, String discordMessageId) {
        return Reconnect.bounded(values.set(fromDiscordKey(webId), discordChannelId + "/" + discordMessageId,
                new SetArgs().ex(ttl)), "SET link").replaceWithVoid();
    }

    /** The Discord message a web message came from, if it came from Discord. */
    public Uni<Optional<Link>> fromDiscord(String webId) {
        return Reconnect.bounded(values.get(fromDiscordKey(webId)), "GET link").map(value -> {
            if (value == null) {
                return Optional.<Link>empty();
            }
            int slash = value.indexOf('/');
            return Optional.of(new Link(webId, value.substring(0, slash), value.substring(slash + 1)));
        });
    }

    /** Records the Discord thread a web thread's replies go to (its root's thread). */
    public Uni<Void> linkThread(String rootWebId, String discordThreadId) {
        return Reconnect.bounded(values.set(prefix + "thread:" + rootWebId, discordThreadId, new SetArgs().ex(ttl)),
                "SET thread link").replaceWithVoid();
    }

    /** The Discord thread of a web thread, once the bridge started or found one. */
    public Uni<Optional<String>> threadOf(String rootWebId) {
        return Reconnect.bounded(values.get(prefix + "thread:" + rootWebId), "GET thread link").map(Optional::ofNullable);
    }

    /**
     * Records that a Discord message lives in a thread: its web copy knows only the mapped channel, and a web
     * reaction on it must be sent to the thread.
     */
    public Uni<Void> linkThreadMessage(String discordMessageId, String discordThreadId) {
        return Reconnect.bounded(values.set(prefix + "in-thread:" + discordMessageId, discordThreadId, new SetArgs().ex(ttl)),
                "SET thread message").replaceWithVoid();
    }

    /** The thread a Discord message was relayed from, if it was in one. */
    public Uni<Optional<String>> threadOfDiscordMessage(String discordMessageId) {
        return Reconnect.bounded(values.get(prefix + "in-thread:" + discordMessageId), "GET thread message")
                .map(Optional::ofNullable);
    }

    public Uni<Optional<String>> watermark(String discordChannelId) {
        return Reconnect.bounded(hashes.hget(watermarks, discordChannelId), "HGET watermark").map(Optional::ofNullable);
    }

    /** Moves the channel's watermark forward to this message, never back. */
    public Uni<Void> advanceWatermark(String discordChannelId, String messageId) {
        return Reconnect.bounded(redis.execute("EVAL", ADVANCE, "1", watermarks, discordChannelId, messageId), "EVAL watermark")
                .replaceWithVoid();
    }

    private String copyKey(String webId) {
        return prefix + "copy:" + webId;
    }

    private String fromDiscordKey(String webId) {
        return prefix + "from-discord:" + webId;
    }

    private String originalKey(String discordMessageId) {
        return prefix + "original:" + discordMessageId;
    }
}
