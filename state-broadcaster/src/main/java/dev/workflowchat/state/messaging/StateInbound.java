package dev.workflowchat.state.messaging;

import dev.workflowchat.bus.DeadLetterStream;
import dev.workflowchat.bus.ResilientSubscriber;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.protocol.ChannelNames;
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
import java.util.Optional;

/**
 * Reads {@code wfchat:state:in} (pub/sub, kept alive across Redis restarts),
 * {@code wfchat:state:in:stream} (consumer group {@code state-broadcaster}, acknowledged after
 * the event is applied) and {@code wfchat:state:commands} (the chat-service's slash commands, the
 * only place {@code command.invoke} is taken from). Bad input goes to the dead-letter stream with its reason.
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
    private static final String PUBSUB = "pubsub";
    private static final String COMMANDS = "commands";

    private Cancellable subscription;
    private Cancellable commandSubscription;

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
        subscription = subscribe(names.stateIn(), PUBSUB);
        commandSubscription = subscribe(names.stateCommands(), COMMANDS);
        reader.start();
    }

    private Cancellable subscribe(String channel, String origin) {
        return ResilientSubscriber.subscribe(pubsub, channel, raw -> process(raw, origin)
                .onFailure().invoke(failure -> Log.warnf("a pub/sub event could not be applied: %s", failure.getMessage()))
                .onFailure().recoverWithNull());
    }

    void stop(@Observes ShutdownEvent event) {
        for (Cancellable each : new Cancellable[] {subscription, commandSubscription}) {
            if (each != null) {
                each.cancel();
            }
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
        if (COMMANDS.equals(origin) && !(event instanceof InboundEvent.CommandInvoke)) {
            return deadLetter(origin, event.id(), "only command.invoke is accepted on " + names.stateCommands(), raw);
        }
        if (!COMMANDS.equals(origin) && event instanceof InboundEvent.CommandInvoke invoke) {
            // a person's command comes only from the chat-service's own channel; here an agent runs
            // one as itself, shown as an agent's whatever user it names
            Optional<String> agent = ChannelNames.agentOfSource(invoke.source());
            if (agent.isEmpty()) {
                return deadLetter(origin, event.id(), "command.invoke here must come from an agent (source agent:<name>); "
                        + "a person's command is accepted only on " + names.stateCommands(), raw);
            }
            event = invoke.as(ChannelNames.AGENT_SOURCE_PREFIX + agent.get());
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
