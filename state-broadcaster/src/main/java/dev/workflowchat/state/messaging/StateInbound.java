package dev.workflowchat.state.messaging;

import dev.workflowchat.bus.DeadLetterStream;
import dev.workflowchat.bus.ResilientSubscriber;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.state.service.WorkflowService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads {@code wfchat:state:in} (pub/sub, kept alive across Redis restarts) and
 * {@code wfchat:state:in:stream} (consumer group {@code state-broadcaster}, acknowledged after
 * the event is applied). Bad input goes to the dead-letter stream with its reason.
 */
@ApplicationScoped
public class StateInbound {

    public static final String GROUP = "state-broadcaster";
    private static final String CONSUMER = "state-broadcaster";
    private static final int BATCH = 100;
    private static final long DEAD_LETTERS_KEPT = 10_000;

    private final ReactivePubSubCommands<String> pubsub;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final EventParser parser;
    private final WorkflowService workflow;
    private final RedisNames names;
    private final MeterRegistry metrics;
    private final StreamGroupReader reader;
    private final DeadLetterStream deadLetters;
    private Cancellable subscription;

    public StateInbound(ReactiveRedisDataSource redis, EventParser parser, WorkflowService workflow, RedisNames names,
                        MeterRegistry metrics) {
        this.pubsub = redis.pubsub(String.class);
        this.streams = redis.stream(String.class, String.class, String.class);
        this.parser = parser;
        this.workflow = workflow;
        this.names = names;
        this.metrics = metrics;
        this.deadLetters = new DeadLetterStream(streams, names.deadletter(), DEAD_LETTERS_KEPT);
        this.reader = new StreamGroupReader(streams, names.stateInStream(), GROUP, CONSUMER, BATCH,
                raw -> process(raw, "stream"),
                entry -> deadLetter("stream", null, "stream entry has no 'event' field", String.valueOf(entry.payload())));
    }

    void start(@Observes StartupEvent event) {
        subscription = ResilientSubscriber.subscribe(pubsub, names.stateIn(), raw -> process(raw, "pubsub")
                .onFailure().invoke(failure -> Log.warnf("a pub/sub event could not be applied: %s", failure.getMessage()))
                .onFailure().recoverWithNull());
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
        reader.stop();
    }

    Uni<Void> process(String raw, String origin) {
        InboundEvent event;
        try {
            event = parser.inbound(raw, EventTypes.STATE_INBOUND);
        } catch (InvalidEventException e) {
            return deadLetter(origin, e.id(), e.getMessage(), raw);
        }
        return workflow.apply(event)
                .invoke(applied -> metrics.counter("wfchat.events.in", "origin", origin,
                        "outcome", applied ? "applied" : "duplicate").increment())
                .replaceWithVoid();
    }

    private Uni<Void> deadLetter(String origin, String id, String reason, String raw) {
        metrics.counter("wfchat.events.deadlettered", "origin", origin).increment();
        Log.warnf("dead-lettered an event from %s, id %s: %s", origin, id == null ? "(none)" : id, reason);
        return deadLetters.append("state-broadcaster:" + origin, id, reason, raw);
    }
}
