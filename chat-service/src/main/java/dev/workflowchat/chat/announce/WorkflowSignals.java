package dev.workflowchat.chat.announce;

import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands a {@code workflow.signal} (a CI result a GitHub hook heard) to the state-broadcaster on the
 * shared stream {@code wfchat:state:in:stream}, which takes signals from any source and which the
 * state-broadcaster reads in a consumer group: a signal sent while it is down is applied when it
 * is back. The envelope's id is the caller's, so a signal sent twice is applied once there.
 */
@ApplicationScoped
public class WorkflowSignals {

    private static final int ATTEMPTS = 3;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final RedisNames names;

    public WorkflowSignals(ReactiveRedisDataSource redis, RedisNames names) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.names = names;
    }

    /** Sends {@code signal} for {@code project} (null: the default project) as envelope {@code id}. */
    public Uni<Void> send(String id, String source, String signal, String project) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signal", signal);
        if (project != null) {
            data.put("project", project);
        }
        Envelope envelope = new Envelope(Envelope.VERSION, id, EventTypes.WORKFLOW_SIGNAL,
                Instant.now().truncatedTo(ChronoUnit.MICROS), source, null, ProtocolJson.mapper().valueToTree(data));
        return Reconnect.bounded(streams.xadd(names.stateInStream(), Map.of(RedisEvents.EVENT_FIELD, envelope.toJson())),
                        "sending a workflow signal")
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(ATTEMPTS)
                .replaceWithVoid();
    }
}
