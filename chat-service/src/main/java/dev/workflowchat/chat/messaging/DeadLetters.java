package dev.workflowchat.chat.messaging;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.protocol.RedisNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that can never succeed goes to {@code wfchat:deadletter} with the reason, is counted
 * and logged once with its id (never its body), and changes nothing.
 */
@ApplicationScoped
public class DeadLetters {

    /** Bodies kept in the dead-letter stream are cut here; the reason and id say what went wrong. */
    static final int MAX_KEPT_BODY = 64 * 1024;
    private static final Duration SEEN_FOR = Duration.ofMinutes(10);

    private final ReactiveStreamCommands<String, String, String> streams;
    private final ReactiveValueCommands<String, String> values;
    private final RedisNames names;
    private final ChatConfig config;
    private final MeterRegistry metrics;

    public DeadLetters(ReactiveRedisDataSource redis, RedisNames names, ChatConfig config, MeterRegistry metrics) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.values = redis.value(String.class, String.class);
        this.names = names;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Records a payload that was refused. Every replica hears a pub/sub message, so a payload
     * from pub/sub is recorded by whichever replica marks it first.
     */
    public Uni<Void> record(String origin, String eventId, String reason, String raw, boolean fromPubSub) {
        return firstMark(fromPubSub, raw).chain(isFirst -> {
            if (!isFirst) {
                return Uni.createFrom().voidItem();
            }
            metrics.counter("wfchat.events.deadlettered", "origin", origin).increment();
            Log.warnf("dead-lettered an event from %s, id %s: %s", origin, eventId == null ? "(none)" : eventId, reason);
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("reason", reason);
            entry.put("origin", origin);
            entry.put("id", eventId == null ? "" : eventId);
            entry.put("at", Instant.now().toString());
            entry.put("event", raw == null ? "" : raw.length() > MAX_KEPT_BODY ? raw.substring(0, MAX_KEPT_BODY) : raw);
            return streams.xadd(names.deadletter(),
                            new XAddArgs().maxlen(config.redis().deadletterMaxLength()).nearlyExactTrimming(), entry)
                    .replaceWithVoid();
        });
    }

    private Uni<Boolean> firstMark(boolean fromPubSub, String raw) {
        if (!fromPubSub) {
            return Uni.createFrom().item(true);
        }
        return values.setAndChanged(names.deadletter() + ":seen:" + sha256(raw), "1", new SetArgs().nx().ex(SEEN_FOR))
                .onFailure().recoverWithItem(true);
    }

    private static String sha256(String raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((raw == null ? "" : raw).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
