package dev.workflowchat.chat.inbound;

import dev.workflowchat.bus.DeadLetterStream;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.protocol.RedisNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Input that can never succeed goes to {@code wfchat:deadletter} with the reason, is counted
 * and logged once with its id (never its body), and changes nothing.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Duration SEEN_FOR = Duration.ofMinutes(10);

    private final DeadLetterStream stream;
    private final ReactiveValueCommands<String, String> values;
    private final RedisNames names;
    private final MeterRegistry metrics;

    public DeadLetters(ReactiveRedisDataSource redis, RedisNames names, ChatConfig config, MeterRegistry metrics) {
        this.stream = new DeadLetterStream(redis.stream(String.class, String.class, String.class), names.deadletter(),
                config.redis().deadletterMaxLength());
        this.values = redis.value(String.class, String.class);
        this.names = names;
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
            return stream.append(origin, eventId, reason, raw);
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
