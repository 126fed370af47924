package dev.workflowchat.state.messaging;

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
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads {@code wfchat:state:in} (pub/sub, resubscribed after Redis restarts) and
 * {@code wfchat:state:in:stream} (consumer group {@code state-broadcaster}, acknowledged after
 * the event is applied, own pending entries re-read after a failure). Bad input goes to the
 * dead-letter stream with its reason.
 */
@ApplicationScoped
public class StateInbound {

    public static final String GROUP = "state-broadcaster";
    private static final String CONSUMER = "state-broadcaster";
    private static final Duration BLOCK = Duration.ofSeconds(2);

    private final ReactivePubSubCommands<String> pubsub;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final EventParser parser;
    private final WorkflowService workflow;
    private final RedisNames names;
    private final MeterRegistry metrics;
    private final AtomicBoolean groupReady = new AtomicBoolean();
    private final AtomicBoolean ownPendingFirst = new AtomicBoolean(true);
    private Cancellable subscription;
    private Cancellable loop;

    public StateInbound(ReactiveRedisDataSource redis, EventParser parser, WorkflowService workflow, RedisNames names,
                        MeterRegistry metrics) {
        this.pubsub = redis.pubsub(String.class);
        this.streams = redis.stream(String.class, String.class, String.class);
        this.parser = parser;
        this.workflow = workflow;
        this.names = names;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        subscription = Multi.createFrom().deferred(() -> pubsub.subscribe(names.stateIn()))
                .onCompletion().failWith(() -> new IllegalStateException("subscription to " + names.stateIn() + " ended"))
                .onFailure().invoke(failure -> Log.warnf("subscription to %s lost (%s); resubscribing",
                        names.stateIn(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .onItem().transformToUniAndConcatenate(raw -> process(raw, "pubsub")
                        .onFailure().invoke(failure -> Log.warnf("a pub/sub event could not be applied: %s", failure.getMessage()))
                        .onFailure().recoverWithNull())
                .subscribe().with(ignored -> { }, failure -> Log.errorf(failure, "the pub/sub listener stopped"));
        loop = Multi.createBy().repeating().uni(this::cycle).indefinitely()
                .onFailure().invoke(failure -> {
                    groupReady.set(false);
                    ownPendingFirst.set(true);
                    Log.warnf("reading %s failed (%s); retrying", names.stateInStream(), failure.getMessage());
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(ignored -> { }, failure -> Log.errorf(failure, "the stream consumer stopped"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
        if (loop != null) {
            loop.cancel();
        }
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

    private Uni<Void> cycle() {
        return ensureGroup().chain(this::read).chain(entries -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (StreamMessage<String, String, String> entry : entries) {
                String raw = entry.payload() == null ? null : entry.payload().get("event");
                all = all.chain(() -> (raw == null
                                ? deadLetter("stream", null, "stream entry has no 'event' field", String.valueOf(entry.payload()))
                                : process(raw, "stream"))
                        .chain(() -> streams.xack(names.stateInStream(), GROUP, entry.id()))
                        .replaceWithVoid());
            }
            return all;
        });
    }

    private Uni<Void> ensureGroup() {
        if (groupReady.get()) {
            return Uni.createFrom().voidItem();
        }
        return streams.xgroupCreate(names.stateInStream(), GROUP, "0", new XGroupCreateArgs().mkstream())
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                .invoke(() -> groupReady.set(true));
    }

    private Uni<List<StreamMessage<String, String, String>>> read() {
        if (ownPendingFirst.get()) {
            return streams.xreadgroup(GROUP, CONSUMER, names.stateInStream(), "0", new XReadGroupArgs().count(100))
                    .invoke(pending -> ownPendingFirst.set(!pending.isEmpty()));
        }
        return streams.xreadgroup(GROUP, CONSUMER, names.stateInStream(), ">",
                new XReadGroupArgs().count(100).block(BLOCK));
    }

    private Uni<Void> deadLetter(String origin, String id, String reason, String raw) {
        metrics.counter("wfchat.events.deadlettered", "origin", origin).increment();
        Log.warnf("dead-lettered an event from %s, id %s: %s", origin, id == null ? "(none)" : id, reason);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("reason", reason);
        entry.put("origin", "state-broadcaster:" + origin);
        entry.put("id", id == null ? "" : id);
        entry.put("at", Instant.now().toString());
        entry.put("event", raw == null ? "" : raw.length() > 65_536 ? raw.substring(0, 65_536) : raw);
        return streams.xadd(names.deadletter(), new XAddArgs().maxlen(10_000L).nearlyExactTrimming(), entry)
                .replaceWithVoid();
    }
}
