package dev.workflowchat.bus;

import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dead-letter stream every service writes refused input to: fields {@code reason},
 * {@code origin}, {@code id}, {@code at} and {@code event} (the payload, cut at 64 KiB), capped
 * with MAXLEN ~.
 */
public final class DeadLetterStream {

    /** Bodies kept are cut here; the reason and id say what went wrong. */
    public static final int MAX_KEPT_BODY = 64 * 1024;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final String key;
    private final long maxLength;

    public DeadLetterStream(ReactiveStreamCommands<String, String, String> streams, String key, long maxLength) {
        this.streams = streams;
        this.key = key;
        this.maxLength = maxLength;
    }

    public Uni<Void> append(String origin, String eventId, String reason, String raw) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("reason", reason);
        entry.put("origin", origin);
        entry.put("id", eventId == null ? "" : eventId);
        entry.put("at", Instant.now().toString());
        entry.put("event", raw == null ? "" : raw.length() > MAX_KEPT_BODY ? raw.substring(0, MAX_KEPT_BODY) : raw);
        return Reconnect.bounded(streams.xadd(key, new XAddArgs().maxlen(maxLength).nearlyExactTrimming(), entry),
                "XADD " + key).replaceWithVoid();
    }
}
