package dev.workflowchat.state.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.machine.Transition;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.stream.ReactiveTransactionalStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.value.ReactiveTransactionalValueCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What Redis keeps of the workflow, a cache of PostgreSQL's record: each project's live
 * snapshot ({@code wfchat:state:snapshot:<project>}), its transitions stream, the announcements
 * stream, and the ids of the events applied lately; and the announcements on {@code wfchat:state}.
 */
@ApplicationScoped
public class StateCache {

    private static final Duration REMEMBER_IDS = Duration.ofDays(1);
    /** Announcements kept (approximately) on {@code wfchat:state:stream} for listeners to catch up from. */
    static final long ANNOUNCEMENTS_KEPT = 10_000;

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final ReactivePubSubCommands<String> pubsub;
    private final RedisNames names;
    private final StateConfig config;

    public StateCache(ReactiveRedisDataSource redis, RedisNames names, StateConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.keys = redis.key(String.class);
        this.pubsub = redis.pubsub(String.class);
        this.names = names;
        this.config = config;
    }

    /** Whether Redis remembers applying the event (a quick check before PostgreSQL's own). */
    Uni<Boolean> applied(String eventId) {
        return Reconnect.bounded(keys.exists(processedKey(eventId)), "EXISTS processed");
    }

    /** The cached snapshot of a project, or null. */
    Uni<String> snapshot(String project) {
        return values.get(names.stateSnapshot(project));
    }

    /**
     * Everything the event changed, in one MULTI/EXEC: its id, the snapshot, the transitions and
     * the announcements on {@code wfchat:state:stream}, where a listener that lost its
     * subscription finds what it missed. All of it or none of it is kept.
     */
    Uni<Void> save(String eventId, String project, ObjectNode snapshot, List<Transition> transitions,
                   List<Envelope> announcements) {
        XAddArgs transitionsCapped = new XAddArgs().maxlen(config.redis().transitionsMaxLength()).nearlyExactTrimming();
        XAddArgs announcementsCapped = new XAddArgs().maxlen(ANNOUNCEMENTS_KEPT).nearlyExactTrimming();
        return Reconnect.bounded(redis.withTransaction(tx -> {
                    ReactiveTransactionalValueCommands<String, String> txValues = tx.value(String.class, String.class);
                    ReactiveTransactionalStreamCommands<String, String, String> txStreams =
                            tx.stream(String.class, String.class, String.class);
                    Uni<Void> queued = txValues.set(processedKey(eventId), "1", new SetArgs().ex(REMEMBER_IDS))
                            .chain(() -> txValues.set(names.stateSnapshot(project), snapshot.toString()));
                    for (Transition transition : transitions) {
                        queued = queued.chain(() -> txStreams.xadd(transitionsKey(project), transitionsCapped,
                                Map.of(StreamGroupReader.EVENT_FIELD, Snapshots.transition(transition).toString())));
                    }
                    for (Envelope announcement : announcements) {
                        queued = queued.chain(() -> txStreams.xadd(names.stateStream(), announcementsCapped,
                                Map.of(StreamGroupReader.EVENT_FIELD, announcement.toJson())));
                    }
                    return queued;
                }), "MULTI saving " + eventId)
                .invoke(result -> {
                    if (result.discarded() || result.hasErrors()) {
                        throw new IllegalStateException("Redis refused the transaction saving " + eventId);
                    }
                })
                .replaceWithVoid();
    }

    /** Writes a project's snapshot where none is cached, and announces it; never overwrites one. */
    Uni<Boolean> putIfAbsent(String project, ObjectNode snapshot) {
        return values.setnx(names.stateSnapshot(project), snapshot.toString())
                .call(written -> written ? pubsub.publish(names.state(), snapshotEnvelope(snapshot).toJson())
                        : Uni.createFrom().voidItem());
    }

    /** Writes a project's snapshot as PostgreSQL has it, with the event's id, and announces it. */
    Uni<Void> refresh(String eventId, String project, ObjectNode snapshot) {
        return save(eventId, project, snapshot, List.of(), List.of(snapshotEnvelope(snapshot)))
                .chain(() -> announce(List.of(snapshotEnvelope(snapshot))));
    }

    /**
     * Publishes what is saved already. A publish Redis missed is not retried: whoever lost its
     * subscription meanwhile reads the announcements back from {@code wfchat:state:stream}.
     */
    Uni<Void> announce(List<Envelope> published) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Envelope envelope : published) {
            String channel = EventTypes.COMMAND_RESULT.equals(envelope.type()) ? names.in() : names.state();
            done = done.chain(() -> Reconnect.bounded(pubsub.publish(channel, envelope.toJson()), "PUBLISH " + channel));
        }
        return done.onFailure().recoverWithUni(failure -> {
            Log.warnf("announcing on Redis failed after the change was saved (%s); listeners catch up from %s",
                    failure.getMessage(), names.stateStream());
            return Uni.createFrom().voidItem();
        });
    }

    /** Tells one agent something on its own channel and stream ({@code wfchat:agent:<agent>}), as the chat-service does. */
    Uni<Void> tellAgent(String agent, Envelope envelope) {
        String json = envelope.toJson();
        XAddArgs capped = new XAddArgs().maxlen(ANNOUNCEMENTS_KEPT).nearlyExactTrimming();
        return Reconnect.bounded(redis.stream(String.class, String.class, String.class)
                        .xadd(names.agentStream(agent), capped, Map.of(StreamGroupReader.EVENT_FIELD, json)), "XADD agent stream")
                .chain(() -> pubsub.publish(names.agent(agent), json))
                .replaceWithVoid();
    }

    static Envelope snapshotEnvelope(ObjectNode snapshot) {
        return Envelope.create(EventTypes.WORKFLOW_SNAPSHOT, WorkflowService.SOURCE, null, snapshot);
    }

    private String processedKey(String eventId) {
        return names.prefix() + ":state:processed:" + eventId;
    }

    private String transitionsKey(String project) {
        return names.prefix() + ":state:transitions:" + project;
    }
}
